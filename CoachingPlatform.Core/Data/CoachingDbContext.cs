using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Core.Data;

/// <summary>
/// The platform's single database context. Entity sets live in <c>CoachingDbContext.Sets.cs</c>;
/// every entity is configured by its own <see cref="IEntityTypeConfiguration{TEntity}"/> in its capability folder.
/// </summary>
public sealed partial class CoachingDbContext(DbContextOptions<CoachingDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("citext");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CoachingDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL, and safe when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
