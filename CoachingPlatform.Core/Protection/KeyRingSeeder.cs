using CoachingPlatform.Core.Data;
using Microsoft.AspNetCore.DataProtection;

namespace CoachingPlatform.Core.Protection;

/// <summary>
/// Loads the Data Protection key ring at start-up while the migrator holds its advisory lock. On an empty ring this
/// creates the first key, so replicas starting together create exactly one: the others wait for the lock and then
/// find it, instead of each minting a key of its own that the others would not know for up to a day.
/// </summary>
internal sealed class KeyRingSeeder(IDataProtectionProvider provider) : IDatabaseSeeder
{
    public Task SeedAsync(CoachingDbContext db, CancellationToken cancellationToken)
    {
        // Data Protection's key repository is synchronous; protecting an empty payload resolves (or creates) the default key.
        provider.CreateProtector("CoachingPlatform.KeyRing.WarmUp").Protect([]);
        return Task.CompletedTask;
    }
}
