namespace CoachingPlatform.Core.Templates;

/// <summary>
/// The values a template is rendered with: each variable is either text or a list of strings. Values are plain data,
/// never templates themselves: a value containing <c>{{x}}</c> renders literally, so nothing recurses.
/// </summary>
public sealed class TemplateValues
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    /// <summary>The variable names that have a value.</summary>
    public IEnumerable<string> Names => _values.Keys;

    /// <summary>Sets a text variable (null is stored as empty text: present but false in <c>{{#if}}</c>).</summary>
    public TemplateValues Text(string name, string? value)
    {
        _values[name] = value ?? "";
        return this;
    }

    /// <summary>Sets a list variable (empty entries are dropped).</summary>
    public TemplateValues List(string name, IEnumerable<string?>? items)
    {
        _values[name] = (items ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i!).ToList();
        return this;
    }

    public bool Contains(string name) => _values.ContainsKey(name);

    internal bool TryGet(string name, out object value) => _values.TryGetValue(name, out value!);
}
