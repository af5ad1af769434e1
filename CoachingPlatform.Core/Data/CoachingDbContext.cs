using System.Linq.Expressions;
using CoachingPlatform.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Core.Data;

/// <summary>
/// The platform's single database context. Entity sets live in <c>CoachingDbContext.Sets.cs</c>;
/// every entity is configured by its own <see cref="IEntityTypeConfiguration{TEntity}"/> in its capability folder.
/// Every organisation-owned table carries the tenant filter: rows of other organisations are invisible unless a
/// query says <c>IgnoreQueryFilters()</c> (only sign-in does, by exact email or token hash).
/// </summary>
public sealed partial class CoachingDbContext(DbContextOptions<CoachingDbContext> options, ITenantContext? tenant = null)
    : DbContext(options)
{
    /// <summary>The name of the tenant query filter on every organisation-owned entity.</summary>
    public const string TenantFilter = "Tenant";

    /// <summary>The organisation this context is confined to; null = unrestricted (migrations, system jobs, tests).</summary>
    public Guid? TenantOrganizationId => tenant?.OrganizationId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("citext");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CoachingDbContext).Assembly);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes()
                     .Where(t => !t.IsOwned() && typeof(IOrganizationOwned).IsAssignableFrom(t.ClrType)).ToList())
        {
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(TenantFilter, TenantPredicate(entityType.ClrType, nameof(IOrganizationOwned.OrganizationId)));
        }

        modelBuilder.Entity<Organization>().HasQueryFilter(TenantFilter, TenantPredicate(typeof(Organization), nameof(Organization.Id)));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL, and safe when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    /// <summary><c>e => TenantOrganizationId == null || e.{property} == TenantOrganizationId</c>, evaluated per query.</summary>
    private LambdaExpression TenantPredicate(Type clrType, string property)
    {
        var entity = Expression.Parameter(clrType, "e");
        // EF recognises members of this context in a filter and re-reads them from the executing context each query.
        var tenantId = Expression.Property(Expression.Constant(this), nameof(TenantOrganizationId));
        var unrestricted = Expression.Equal(tenantId, Expression.Constant(null, typeof(Guid?)));
        var sameTenant = Expression.Equal(Expression.Convert(Expression.Property(entity, property), typeof(Guid?)), tenantId);
        return Expression.Lambda(Expression.OrElse(unrestricted, sameTenant), entity);
    }
}
