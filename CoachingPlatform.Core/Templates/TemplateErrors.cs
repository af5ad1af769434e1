namespace CoachingPlatform.Core.Templates;

/// <summary>Why a template could not be saved or rendered.</summary>
public enum TemplateError
{
    /// <summary>Unknown or malformed <c>{{…}}</c> syntax, an unclosed block, nesting too deep, or content too long.</summary>
    Syntax,

    /// <summary>A variable outside the catalogue of the template's kind, or a text variable used as a list.</summary>
    UnknownVariable,

    /// <summary>Rendering was asked for without a value for a variable the template uses.</summary>
    MissingVariable,

    /// <summary>The rendered text would be larger than <see cref="TemplateRenderer.MaxOutputLength"/>.</summary>
    OutputTooLarge,
}

/// <summary>
/// A template that cannot be saved or rendered. <see cref="Line"/>/<see cref="Column"/> (1-based) point at the
/// offending tag for syntax and catalogue errors. Messages quote at most a short excerpt of the tag, never values.
/// </summary>
public sealed class TemplateException(TemplateError error, string message, int? line = null, int? column = null, IReadOnlyList<string>? variables = null)
    : Exception(message)
{
    public TemplateError Error { get; } = error;

    public int? Line { get; } = line;

    public int? Column { get; } = column;

    /// <summary>The variables concerned (unknown or missing ones), when the error is about variables.</summary>
    public IReadOnlyList<string> Variables { get; } = variables ?? [];
}
