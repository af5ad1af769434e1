using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CoachingPlatform.Core.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting a host (no database is contacted).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CoachingDbContext>
{
    public CoachingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CoachingDbContext>();
        DataServiceCollectionExtensions.ConfigureDbContext(options, "Host=localhost;Database=coachingdb_design");
        return new CoachingDbContext(options.Options);
    }
}
