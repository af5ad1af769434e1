using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Core.Data;

/// <summary>
/// The Data Protection key ring lives in the platform database, so every API and worker replica reads the same keys
/// (see <see cref="Protection.PersonalDataProtector"/> and docs/security.md).
/// </summary>
public sealed partial class CoachingDbContext : IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
