using System.Net;
using System.Net.Http.Json;
using CoachingPlatform.Core.Clients;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Jobs;
using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoachingPlatform.Tests.Integration.Identity;

/// <summary>
/// Tenant isolation over the whole route table: every route that takes an id answers 404 to the most privileged
/// caller of another organisation (an admin), and changes nothing. A new id route fails
/// <see cref="RouteTable_EveryIdRoute_HasARecordFactory"/> until it is added to <see cref="Records"/>.
/// </summary>
public sealed class CrossOrganisationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>Route pattern prefix → how to create a record of that kind in organisation A.</summary>
    private static readonly Dictionary<string, Func<CoachingDbContext, SeededOrg, IServiceProvider, Guid>> Records = new()
    {
        ["/api/v1/clients/"] = AddClientWithSession,
        ["/api/v1/sessions/"] = (db, org, services) => AddSession(db, org, services).Id,
        ["/api/v1/system/jobs/"] = AddJob,
        ["/api/v1/templates/"] = AddTemplate,
    };

    public static TheoryData<string, string> IdRoutes()
    {
        using var factory = new ApiFactory();
        factory.InitializeAsync().GetAwaiter().GetResult();
        var data = new TheoryData<string, string>();
        foreach (var (method, pattern) in Discover(factory))
        {
            data.Add(method, pattern);
        }

        ((IAsyncLifetime)factory).DisposeAsync().GetAwaiter().GetResult();
        return data;
    }

    [Fact]
    public void RouteTable_EveryIdRoute_HasARecordFactory()
    {
        var routes = Discover(api);

        Assert.NotEmpty(routes);
        Assert.All(routes, r => Assert.True(Factory(r.Pattern) is not null, $"{r.Method} {r.Pattern} has no entry in CrossOrganisationTests.Records"));
    }

    [Theory]
    [MemberData(nameof(IdRoutes))]
    public async Task IdRoute_RecordOfAnotherOrganisation_Is404AndChangesNothing(string method, string pattern)
    {
        Guid id;
        await using (var db = api.CreateDbContext())
        {
            id = Factory(pattern)!(db, api.A, api.Services);
            await db.SaveChangesAsync();
        }

        var before = await SnapshotAsync();
        var stranger = await api.ClientForAsync(api.B.AdminEmail);
        using var request = new HttpRequestMessage(new HttpMethod(method), pattern.Replace("{id:guid}", id.ToString(), StringComparison.Ordinal));
        if (method is "PATCH" or "PUT" or "POST")
        {
            // A body the route accepts, so what answers is the tenant boundary and not validation.
            request.Content = pattern.StartsWith("/api/v1/templates/", StringComparison.Ordinal)
                ? JsonContent.Create(new { name = "Renamed by a stranger", kind = "Email", content = "Hi {{firstName}}", isDefault = false })
                : JsonContent.Create(new { name = "Renamed by a stranger", email = "stranger@example.test" });
        }

        var response = await stranger.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(id.ToString(), await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await SnapshotAsync());

        // The owner's admin does reach it (the route works; only the tenant boundary said no).
        var owner = await api.ClientForAsync(api.A.AdminEmail);
        using var own = new HttpRequestMessage(HttpMethod.Get, pattern.Replace("{id:guid}", id.ToString(), StringComparison.Ordinal));
        if (method == "GET")
        {
            Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(own)).StatusCode);
        }
    }

    private static List<(string Method, string Pattern)> Discover(ApiFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Any(p => p.Name == "id"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct()
            .OrderBy(r => r.Item2, StringComparer.Ordinal).ThenBy(r => r.m, StringComparer.Ordinal)
            .ToList();

    private static Func<CoachingDbContext, SeededOrg, IServiceProvider, Guid>? Factory(string pattern) =>
        Records.Where(r => pattern.StartsWith(r.Key, StringComparison.Ordinal)).Select(r => r.Value).FirstOrDefault();

    private async Task<string> SnapshotAsync()
    {
        await using var db = api.CreateDbContext();
        var clients = await db.Clients.OrderBy(c => c.Id).Select(c => c.Id + c.Name + c.UpdatedAt.ToString("O")).ToListAsync();
        var sessions = await db.Sessions.OrderBy(s => s.Id).Select(s => s.Id + s.Status.ToString() + s.UpdatedAt.ToString("O")).ToListAsync();
        var jobs = await db.Jobs.CountAsync();
        var participation = await db.ClientSessions.CountAsync();
        return string.Join('|', clients) + "#" + string.Join('|', sessions) + $"#{jobs}#{participation}";
    }

    private static Session AddSession(CoachingDbContext db, SeededOrg org, IServiceProvider services)
    {
        var transcript = System.Text.Encoding.UTF8.GetBytes("Coach A: Welcome.\nTenant Client: Thanks, glad to be here.\n");
        var session = new Session
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.OrganizationId,
            CoachId = org.CoachId,
            Title = "Tenant test",
            SessionDate = new DateOnly(2026, 11, 1),
            SessionType = "group",
            Status = SessionStatus.Parsed,
            TranscriptFileName = "t.txt",
            TranscriptCiphertext = services.GetRequiredService<CoachingPlatform.Core.Protection.PersonalDataProtector>().ProtectTranscript(transcript),
        };
        db.Sessions.Add(session);
        return session;
    }

    private static Guid AddClientWithSession(CoachingDbContext db, SeededOrg org, IServiceProvider services)
    {
        var session = AddSession(db, org, services);
        var client = new Client { Id = Guid.CreateVersion7(), OrganizationId = org.OrganizationId, Name = "Tenant Client", NormalizedName = "tenant client" };
        db.Clients.Add(client);
        db.ClientSessions.Add(new ClientSession
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.OrganizationId,
            SessionId = session.Id,
            ClientId = client.Id,
            SpeakerLabel = "Tenant Client",
        });
        return client.Id;
    }

    private static Guid AddTemplate(CoachingDbContext db, SeededOrg org, IServiceProvider services)
    {
        var template = new CoachingPlatform.Core.Templates.Template
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.OrganizationId,
            Name = "Tenant template",
            Kind = CoachingPlatform.Core.Templates.TemplateKind.Email,
            Content = "Hi {{firstName}}",
            RequiredVariables = ["firstName"],
            IsDefault = false,
        };
        db.Templates.Add(template);
        return template.Id;
    }

    private static Guid AddJob(CoachingDbContext db, SeededOrg org, IServiceProvider services)
    {
        var job = new JobRecord
        {
            Id = Guid.CreateVersion7(),
            Type = SelfTestJob.JobType,
            Payload = "{}",
            OrganizationId = org.OrganizationId,
            Status = JobStatus.Succeeded,
            MaxAttempts = 1,
        };
        db.Jobs.Add(job);
        return job.Id;
    }
}
