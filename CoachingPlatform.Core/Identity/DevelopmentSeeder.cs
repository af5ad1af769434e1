using System.ComponentModel.DataAnnotations;
using CoachingPlatform.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoachingPlatform.Core.Identity;

/// <summary>Settings of the Development seed (section <c>Seed</c>; the AppHost parameter <c>seed-password</c> sets the password).</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    [Required, MinLength(8)]
    public string Password { get; set; } = "Coach123!";
}

/// <summary>
/// The Development seed of the spec: "Demo Coaching Co" (coach, lead, admin) and "Northwind Coaching" (one coach,
/// so tenant isolation can be seen). Idempotent: it only adds what is missing, matching on slug and email.
/// </summary>
public sealed class DevelopmentSeeder(IOptions<SeedOptions> options, IPasswordHasher<Coach> hasher) : IDatabaseSeeder
{
    public static readonly (string Slug, string Name)[] Organizations = [("demo", "Demo Coaching Co"), ("northwind", "Northwind Coaching")];

    /// <summary>(organisation slug, email, name, role, email of their lead).</summary>
    public static readonly (string Org, string Email, string Name, CoachRole Role, string? Lead)[] Coaches =
    [
        ("demo", "lead@coaching.local", "Jordan Hale", CoachRole.CoachLead, null),
        ("demo", "demo@coaching.local", "Avery Stone", CoachRole.Coach, "lead@coaching.local"),
        ("demo", "admin@coaching.local", "Morgan Admin", CoachRole.Admin, null),
        ("northwind", "other@coaching.local", "Riley Park", CoachRole.Coach, null),
    ];

    public async Task SeedAsync(CoachingDbContext db, CancellationToken cancellationToken)
    {
        var orgs = await db.Organizations.ToDictionaryAsync(o => o.Slug, cancellationToken);
        foreach (var (slug, name) in Organizations.Where(o => !orgs.ContainsKey(o.Slug)))
        {
            orgs[slug] = db.Organizations.Add(new Organization { Id = Guid.CreateVersion7(), Name = name, Slug = slug }).Entity;
        }

        var emails = Coaches.Select(c => c.Email).ToArray();
        var coaches = await db.Coaches.Where(c => emails.Contains(c.Email)).ToDictionaryAsync(c => c.Email, cancellationToken);
        foreach (var seed in Coaches.Where(c => !coaches.ContainsKey(c.Email)))
        {
            var coach = new Coach
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = orgs[seed.Org].Id,
                Email = seed.Email,
                Name = seed.Name,
                Role = seed.Role,
                LeadId = seed.Lead is { } lead ? coaches[lead].Id : null,
            };
            coach.PasswordHash = hasher.HashPassword(coach, options.Value.Password);
            coaches[seed.Email] = db.Coaches.Add(coach).Entity;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

public static class DevelopmentSeedExtensions
{
    /// <summary>Registers the Development seed (accounts, then a sample session); call it only in the Development environment.</summary>
    public static IServiceCollection AddDevelopmentSeed(this IServiceCollection services)
    {
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPasswordHasher<Coach>, PasswordHasher<Coach>>();
        services.AddSingleton<IDatabaseSeeder, DevelopmentSeeder>();
        // After the accounts exist: the demo coach's sample workshop.
        services.AddSingleton<IDatabaseSeeder, Sessions.SampleSessionSeeder>();
        return services;
    }
}
