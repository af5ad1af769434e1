using System.Text.Json;
using System.Text.RegularExpressions;

namespace CoachingPlatform.Core.Audit;

/// <summary>
/// The <c>details</c> of an audit event. It can only hold ids and identifiers (field names, view names) matching
/// <c>[A-Za-z][A-Za-z0-9_.-]*</c>, never free text: the audit trail outlives the data it describes, so it must not
/// become a copy of it.
/// </summary>
public sealed partial class AuditDetails
{
    private readonly SortedDictionary<string, object> _values = new(StringComparer.Ordinal);

    public bool IsEmpty => _values.Count == 0;

    public AuditDetails Id(string name, Guid id) => Set(name, id);

    public AuditDetails Ids(string name, IEnumerable<Guid> ids) => Set(name, ids.Distinct().Order().ToArray());

    public AuditDetails Identifier(string name, string identifier) => Set(name, Checked(identifier));

    public AuditDetails Identifiers(string name, IEnumerable<string> identifiers) => Set(name, identifiers.Select(Checked).ToArray());

    public AuditDetails Count(string name, int count) => Set(name, count);

    public string ToJson() => JsonSerializer.Serialize(_values);

    private AuditDetails Set(string name, object value)
    {
        _values[Checked(name)] = value;
        return this;
    }

    private static string Checked(string identifier) => IdentifierPattern().IsMatch(identifier)
        ? identifier
        : throw new ArgumentException("Audit details hold identifiers only (letters, digits, '_', '.', '-'; at most 64).", nameof(identifier));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
