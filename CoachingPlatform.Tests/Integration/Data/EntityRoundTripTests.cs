using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CoachingPlatform.Tests.Integration.Data;

public sealed class EntityRoundTripTests : IAsyncLifetime
{
    // Whole microseconds: timestamptz keeps no finer precision.
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, 0, 1, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private TestDatabase _database = null!;

    public static TheoryData<string> EntityTypes => EntityGraph.EntityTypeNames();

    public async Task InitializeAsync() => _database = await LocalPostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task RoundTrip_Model_EveryEntityTypeHasAFullyPopulatedCase()
    {
        await using var db = _database.CreateContext();
        var modelTypes = db.Model.GetEntityTypes().Where(t => !t.IsOwned()).Select(t => t.ClrType.Name).Order().ToList();
        var covered = ((IEnumerable<object[]>)EntityTypes).Select(row => (string)row[0]).Order().ToList();

        // A new entity type fails here until EntityGraph writes a fully populated instance of it.
        Assert.Equal(modelTypes, covered);
    }

    [Theory]
    [MemberData(nameof(EntityTypes))]
    public async Task RoundTrip_FullyPopulatedEntity_ReadsBackEveryPropertyAsWritten(string entityType)
    {
        var graph = EntityGraph.Create();
        await using (var db = _database.CreateContext(_time))
        {
            await graph.SaveAsync(db);
        }

        var written = graph.FullyPopulated.Single(r => r.GetType().Name == entityType);
        await using var check = _database.CreateContext();
        var type = check.Model.FindEntityType(written.GetType())!;
        Assert.Empty(EntityAssert.Unpopulated(type, written));

        var read = await EntityAssert.FindAsync(check, written);

        Assert.NotNull(read);
        Assert.NotSame(written, read);
        Assert.Empty(EntityAssert.Differences(type, written, read));
    }

    [Fact]
    public async Task SaveChanges_InsertThenUpdate_StampsCreatedAtOnceAndMovesUpdatedAt()
    {
        var graph = EntityGraph.Create();
        await using (var db = _database.CreateContext(_time))
        {
            await graph.SaveAsync(db);
        }

        var timestamped = graph.Rows.OfType<ITimestamped>().ToList();
        Assert.NotEmpty(timestamped);
        await using (var check = _database.CreateContext())
        {
            foreach (var row in timestamped)
            {
                var stored = (ITimestamped)(await EntityAssert.FindAsync(check, row))!;
                Assert.Equal(Start, stored.CreatedAt);
                Assert.Equal(Start, stored.UpdatedAt);
            }
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        await using (var db = _database.CreateContext(_time))
        {
            var session = await db.Sessions.SingleAsync(s => s.Id == graph.Session.Id);
            session.Title = "Renamed workshop";
            await db.SaveChangesAsync();
        }

        await using var after = _database.CreateContext();
        var updated = await after.Sessions.AsNoTracking().SingleAsync(s => s.Id == graph.Session.Id);
        Assert.Equal("Renamed workshop", updated.Title);
        Assert.Equal(Start, updated.CreatedAt);
        Assert.Equal(Start.AddMinutes(5), updated.UpdatedAt);
        var untouched = await after.Coaches.AsNoTracking().SingleAsync(c => c.Id == graph.Coach.Id);
        Assert.Equal(Start, untouched.UpdatedAt);
    }

    [Fact]
    public async Task SearchVector_SummarySaved_IsGeneratedFromSearchTextAndFollowsIt()
    {
        var graph = EntityGraph.Create();
        await using (var db = _database.CreateContext(_time))
        {
            await graph.SaveAsync(db);
        }

        await using (var check = _database.CreateContext())
        {
            var vector = await check.Summaries.Where(s => s.Id == graph.Summary.Id).Select(s => s.SearchVector).SingleAsync();
            Assert.NotNull(vector);
            Assert.Contains(vector, lexeme => lexeme.Text == "procrastin"); // English stemming, not the raw word

            // A different inflection of a SearchText word matches; a word that is not there does not.
            Assert.Equal([graph.Summary.Id], await SummariesMatchingAsync(check, "procrastinating"));
            Assert.Equal([graph.Summary.Id], await SummariesMatchingAsync(check, "morning & routine"));
            Assert.Empty(await SummariesMatchingAsync(check, "astronomy"));
        }

        await using (var db = _database.CreateContext(_time))
        {
            var summary = await db.Summaries.SingleAsync(s => s.Id == graph.Summary.Id);
            summary.SearchText = "Sam now talks about astronomy";
            await db.SaveChangesAsync();
        }

        await using var after = _database.CreateContext();
        Assert.Equal([graph.Summary.Id], await SummariesMatchingAsync(after, "astronomy"));
        Assert.Empty(await SummariesMatchingAsync(after, "procrastination"));
    }

    [Fact]
    public async Task SaveChanges_StaleSummaryVersion_ThrowsDbUpdateConcurrencyException()
    {
        var graph = EntityGraph.Create();
        await using (var db = _database.CreateContext(_time))
        {
            await graph.SaveAsync(db);
        }

        await using var first = _database.CreateContext(_time);
        await using var second = _database.CreateContext(_time);
        var mine = await first.Summaries.SingleAsync(s => s.Id == graph.Summary.Id);
        var theirs = await second.Summaries.SingleAsync(s => s.Id == graph.Summary.Id);
        Assert.Equal(mine.Version, theirs.Version);

        mine.QualityScore = 0.5;
        await first.SaveChangesAsync();
        Assert.NotEqual(theirs.Version, mine.Version);

        theirs.QualityScore = 0.1;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = _database.CreateContext();
        Assert.Equal(0.5, (await check.Summaries.AsNoTracking().SingleAsync(s => s.Id == graph.Summary.Id)).QualityScore);
    }

    [Fact]
    public async Task SaveChanges_StaleSummaryContentEdit_ThrowsDbUpdateConcurrencyException()
    {
        var graph = EntityGraph.Create();
        await using (var db = _database.CreateContext(_time))
        {
            await graph.SaveAsync(db);
        }

        await using var first = _database.CreateContext(_time);
        await using var second = _database.CreateContext(_time);
        var mine = await first.Summaries.SingleAsync(s => s.Id == graph.Summary.Id);
        var theirs = await second.Summaries.SingleAsync(s => s.Id == graph.Summary.Id);

        // The edit flow changes only the JSON content; the xmin check must still guard it (If-Match on edits).
        mine.CoachContent!.Narrative = "First coach's edit";
        await first.SaveChangesAsync();
        theirs.CoachContent!.Narrative = "Second coach's stale edit";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = _database.CreateContext();
        var stored = await check.Summaries.AsNoTracking().SingleAsync(s => s.Id == graph.Summary.Id);
        Assert.Equal("First coach's edit", stored.CoachContent!.Narrative);
    }

    [Fact]
    public async Task Insert_DuplicateSessionIdempotencyKey_IsRejectedByTheUniqueIndex()
    {
        var graph = EntityGraph.Create();
        await using (var db = _database.CreateContext(_time))
        {
            await graph.SaveAsync(db);
        }

        // The key is scoped to the coach: another coach may reuse it.
        await using (var db = _database.CreateContext(_time))
        {
            db.Sessions.Add(EntityGraph.NewSession(graph.Organization.Id, graph.Lead.Id, graph.Session.IdempotencyKey));
            await db.SaveChangesAsync();
        }

        await using var duplicate = _database.CreateContext(_time);
        duplicate.Sessions.Add(EntityGraph.NewSession(graph.Organization.Id, graph.Coach.Id, graph.Session.IdempotencyKey));
        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => duplicate.SaveChangesAsync());

        var postgres = Assert.IsType<PostgresException>(ex.InnerException);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, postgres.SqlState);
        Assert.Equal("ix_sessions_organization_id_coach_id_idempotency_key", postgres.ConstraintName);
    }

    [Fact]
    public async Task Insert_TwoSessionsWithoutIdempotencyKey_AreBothStored()
    {
        var graph = EntityGraph.Create();
        await using (var db = _database.CreateContext(_time))
        {
            await graph.SaveAsync(db);
            db.Sessions.Add(EntityGraph.NewSession(graph.Organization.Id, graph.Coach.Id, idempotencyKey: null));
            db.Sessions.Add(EntityGraph.NewSession(graph.Organization.Id, graph.Coach.Id, idempotencyKey: null));
            await db.SaveChangesAsync();
        }

        await using var check = _database.CreateContext();
        Assert.Equal(2, await check.Sessions.CountAsync(s => s.CoachId == graph.Coach.Id && s.IdempotencyKey == null));
    }

    [Fact]
    public async Task Insert_CoachEmailDifferingOnlyInCase_IsRejectedInAnyOrganisation()
    {
        var graph = EntityGraph.Create();
        var other = new Organization { Id = Guid.CreateVersion7(), Name = "Other Org", Slug = "other-org" };
        await using (var db = _database.CreateContext(_time))
        {
            await graph.SaveAsync(db);
            db.Organizations.Add(other);
            db.Coaches.Add(NewCoach(other.Id, "someone.else@round-trip.test")); // control: a distinct address is fine
            await db.SaveChangesAsync();
        }

        var variant = graph.Coach.Email.ToUpperInvariant();
        Assert.NotEqual(graph.Coach.Email, variant);
        await using var duplicate = _database.CreateContext(_time);
        duplicate.Coaches.Add(NewCoach(other.Id, variant));
        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => duplicate.SaveChangesAsync());

        var postgres = Assert.IsType<PostgresException>(ex.InnerException);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, postgres.SqlState);
        Assert.Equal("ix_coaches_email", postgres.ConstraintName);
    }

    [Fact]
    public async Task Query_CoachEmailInAnotherCase_FindsTheCoach()
    {
        var graph = EntityGraph.Create();
        await using (var db = _database.CreateContext(_time))
        {
            await graph.SaveAsync(db);
        }

        await using var check = _database.CreateContext();
        var lookup = graph.Coach.Email.ToLowerInvariant();
        Assert.NotEqual(graph.Coach.Email, lookup);

        var found = await check.Coaches.Where(c => c.Email == lookup).Select(c => c.Id).ToListAsync();

        Assert.Equal([graph.Coach.Id], found);
    }

    private static Task<List<Guid>> SummariesMatchingAsync(CoachingDbContext db, string query) =>
        db.Summaries
            .Where(s => s.SearchVector.Matches(EF.Functions.ToTsQuery("english", query)))
            .Select(s => s.Id)
            .ToListAsync();

    private static Coach NewCoach(Guid organizationId, string email) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganizationId = organizationId,
        Email = email,
        Name = "Another Coach",
        Role = CoachRole.Coach,
    };
}
