using System.Globalization;
using System.Text;

namespace CoachingPlatform.Core.Templates;

/// <summary>How a template uses a variable: printed, iterated or tested.</summary>
public enum TemplateVariableUse
{
    Text,
    Each,
    If,
}

/// <summary>One place a template refers to a variable (1-based line and column of its tag).</summary>
public sealed record TemplateVariableReference(string Name, TemplateVariableUse Use, int Line, int Column);

/// <summary>A template that parsed: its variables, and a tree that renders without re-parsing.</summary>
public sealed class ParsedTemplate
{
    internal ParsedTemplate(IReadOnlyList<TemplateNode> nodes, IReadOnlyList<TemplateVariableReference> references)
    {
        Nodes = nodes;
        References = references;
        Variables = references.Select(r => r.Name).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The distinct variables the template uses, in order of first use.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>Every reference to a variable, with its position.</summary>
    public IReadOnlyList<TemplateVariableReference> References { get; }

    internal IReadOnlyList<TemplateNode> Nodes { get; }

    public string Render(TemplateValues values) => TemplateRenderer.Render(this, values);
}

internal abstract record TemplateNode;

internal sealed record TextNode(string Text) : TemplateNode;

internal sealed record VariableNode(string Name) : TemplateNode;

internal sealed record ThisNode : TemplateNode;

internal sealed record BlockNode(bool IsEach, string Name, IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode> Else) : TemplateNode;

/// <summary>
/// The platform's sandboxed template engine. The whole language is <c>{{name}}</c> (spaces inside the braces
/// allowed), <c>{{#each list}}…{{this}}…{{/each}}</c>, <c>{{#if name}}…{{else}}…{{/if}}</c> (each takes an
/// <c>{{else}}</c> for an empty list too). Nothing else: no helpers, partials, expressions, member access,
/// reflection, file or network access; values are data and are never parsed as templates, so rendering is a
/// bounded walk over a tree of at most <see cref="MaxNesting"/> levels and its output is capped at
/// <see cref="MaxOutputLength"/> characters. Output is plain text (nothing is HTML-escaped), with control
/// characters (except newline and tab) and bidirectional-override characters removed.
/// A block tag alone on its line takes its line with it, so block markup leaves no blank lines behind.
/// </summary>
public static class TemplateRenderer
{
    /// <summary>The longest template content accepted, in characters.</summary>
    public const int MaxContentLength = 20_000;

    /// <summary>The largest rendered output, in characters (100 KB of plain text).</summary>
    public const int MaxOutputLength = 100_000;

    /// <summary>
    /// Most template nodes one render may visit. Output length alone does not bound the work: nested
    /// <c>{{#each}}</c> blocks with empty bodies over long lists multiply without writing anything.
    /// </summary>
    public const int MaxRenderSteps = 100_000;

    /// <summary>How deep <c>{{#each}}</c>/<c>{{#if}}</c> blocks may nest.</summary>
    public const int MaxNesting = 8;

    private const int MaxNameLength = 64;
    private const int MaxExcerpt = 40;

    /// <summary>Parses <paramref name="content"/>; throws <see cref="TemplateException"/> (Syntax) with the line and column.</summary>
    public static ParsedTemplate Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = NormaliseNewlines(content);
        if (text.Length > MaxContentLength)
        {
            var (line, column) = Position(text, MaxContentLength);
            throw new TemplateException(TemplateError.Syntax,
                $"The template is {text.Length:N0} characters long; the limit is {MaxContentLength:N0}.", line, column);
        }

        var tokens = Tokenise(text);
        TrimStandaloneLines(text, tokens);
        return Build(text, tokens);
    }

    /// <summary>
    /// Parses and checks every variable against the catalogue of <paramref name="kind"/>: unknown variables (and a
    /// text variable used in <c>{{#each}}</c>) throw <see cref="TemplateException"/> (UnknownVariable) at the first offender.
    /// </summary>
    public static ParsedTemplate Validate(string content, TemplateKind kind)
    {
        var parsed = Parse(content);
        var catalogue = TemplateCatalogue.For(kind);
        var unknown = parsed.References.Where(r => !catalogue.ContainsKey(r.Name)).ToList();
        if (unknown.Count > 0)
        {
            var first = unknown[0];
            var names = unknown.Select(r => r.Name).Distinct(StringComparer.Ordinal).ToList();
            throw new TemplateException(TemplateError.UnknownVariable,
                $"Unknown variable `{first.Name}` at line {first.Line}, column {first.Column}. {kind} templates can use: {string.Join(", ", catalogue.Keys)}.",
                first.Line, first.Column, names);
        }

        if (parsed.References.FirstOrDefault(r => r.Use == TemplateVariableUse.Each && catalogue[r.Name].Shape == TemplateVariableShape.Text) is { } misuse)
        {
            throw new TemplateException(TemplateError.UnknownVariable,
                $"`{misuse.Name}` at line {misuse.Line}, column {misuse.Column} is text, not a list: use {{{{{misuse.Name}}}}} or {{{{#if {misuse.Name}}}}}.",
                misuse.Line, misuse.Column, [misuse.Name]);
        }

        return parsed;
    }

    /// <summary>Parses and renders in one step.</summary>
    public static string Render(string content, TemplateValues values) => Render(Parse(content), values);

    /// <summary>
    /// Renders with <paramref name="values"/>; every variable the template uses must have a value (else
    /// <see cref="TemplateException"/> MissingVariable, listing them), and the output must stay within
    /// <see cref="MaxOutputLength"/> (else OutputTooLarge).
    /// </summary>
    public static string Render(ParsedTemplate template, TemplateValues values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var missing = template.Variables.Where(v => !values.Contains(v)).ToList();
        if (missing.Count > 0)
        {
            throw new TemplateException(TemplateError.MissingVariable,
                $"No value for {string.Join(", ", missing.Select(m => $"`{m}`"))}.", variables: missing);
        }

        var output = new StringBuilder();
        var steps = new int[1];
        RenderNodes(template.Nodes, values, item: null, output, steps);
        return StripControlCharacters(output.ToString());
    }

    /// <summary>
    /// Plain text safe for an email: CRLF and CR become LF; other control characters (C0 except tab and newline,
    /// DEL, C1) and the invisible bidirectional overrides that can disguise text are removed.
    /// </summary>
    public static string StripControlCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalised = NormaliseNewlines(text);
        var builder = new StringBuilder(normalised.Length);
        foreach (var c in normalised)
        {
            if (c is '\n' or '\t' || (!char.IsControl(c) && !IsBidiControl(c)))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsBidiControl(char c) => c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string NormaliseNewlines(string text) =>
        text.Contains('\r', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;

    private enum TokenKind
    {
        Text,
        Variable,
        This,
        OpenEach,
        OpenIf,
        Else,
        CloseEach,
        CloseIf,
    }

    private sealed class Token(TokenKind kind, int start, int end, string name = "")
    {
        public TokenKind Kind { get; } = kind;

        // For text: the slice of the template; for tags: where the tag starts and ends.
        public int Start { get; set; } = start;

        public int End { get; set; } = end;

        public string Name { get; } = name;

        public bool IsBlock => Kind is TokenKind.OpenEach or TokenKind.OpenIf or TokenKind.Else or TokenKind.CloseEach or TokenKind.CloseIf;
    }

    private static List<Token> Tokenise(string text)
    {
        var tokens = new List<Token>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                tokens.Add(new Token(TokenKind.Text, position, text.Length));
                break;
            }

            if (open > position)
            {
                tokens.Add(new Token(TokenKind.Text, position, open));
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            var newline = text.IndexOf('\n', open + 2);
            if (close < 0 || (newline >= 0 && newline < close))
            {
                throw SyntaxError(text, open, $"`{Excerpt(text, open, newline < 0 ? text.Length : newline)}` is not closed with }}}} on the same line");
            }

            tokens.Add(Tag(text, open, close + 2));
            position = close + 2;
        }

        return tokens;
    }

    private static Token Tag(string text, int start, int end)
    {
        var inner = text[(start + 2)..(end - 2)].Trim(' ', '\t');
        if (inner.Length > 0 && inner[0] is '#' or '/')
        {
            var body = inner[1..];
            var space = body.IndexOfAny([' ', '\t']);
            var keyword = space < 0 ? body : body[..space];
            var argument = space < 0 ? "" : body[space..].Trim(' ', '\t');
            switch (inner[0], keyword, argument.Length)
            {
                case ('#', "each", > 0) when IsName(argument):
                    return new Token(TokenKind.OpenEach, start, end, argument);
                case ('#', "if", > 0) when IsName(argument):
                    return new Token(TokenKind.OpenIf, start, end, argument);
                case ('/', "each", 0):
                    return new Token(TokenKind.CloseEach, start, end);
                case ('/', "if", 0):
                    return new Token(TokenKind.CloseIf, start, end);
            }
        }
        else if (inner == "else")
        {
            return new Token(TokenKind.Else, start, end);
        }
        else if (inner == "this")
        {
            return new Token(TokenKind.This, start, end);
        }
        else if (IsName(inner))
        {
            return new Token(TokenKind.Variable, start, end, inner);
        }

        throw SyntaxError(text, start,
            $"unknown syntax `{Excerpt(text, start, end)}`: use {{{{name}}}}, {{{{#each list}}}}…{{{{/each}}}} or {{{{#if name}}}}…{{{{else}}}}…{{{{/if}}}}");
    }

    private static bool IsName(string candidate) =>
        candidate.Length is > 0 and <= MaxNameLength
        && char.IsAsciiLetter(candidate[0])
        && candidate.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && candidate is not ("this" or "else" or "each" or "if");

    /// <summary>A block tag alone on its line (only spaces or tabs around it) removes that whole line from the output.</summary>
    private static void TrimStandaloneLines(string text, List<Token> tokens)
    {
        var trims = new List<(Token Text, bool Leading, int Cut)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsBlock)
            {
                continue;
            }

            int? trailingCut = null; // the previous text keeps [Start, cut)
            if (i == 0)
            {
                trailingCut = -1;
            }
            else if (tokens[i - 1] is { Kind: TokenKind.Text } before)
            {
                var lineStart = text.LastIndexOf('\n', before.End - 1, before.End - before.Start) + 1;
                var atLineStart = lineStart > before.Start || (lineStart == 0 && before.Start == 0) || i - 1 == 0;
                if (atLineStart && IsBlank(text, Math.Max(lineStart, before.Start), before.End))
                {
                    trailingCut = Math.Max(lineStart, before.Start);
                }
            }

            int? leadingCut = null; // the next text keeps [cut, End)
            if (i == tokens.Count - 1)
            {
                leadingCut = -1;
            }
            else if (tokens[i + 1] is { Kind: TokenKind.Text } after)
            {
                var newline = text.IndexOf('\n', after.Start, after.End - after.Start);
                var lineEnd = newline < 0 ? after.End : newline;
                var atLineEnd = newline >= 0 || i + 1 == tokens.Count - 1;
                if (atLineEnd && IsBlank(text, after.Start, lineEnd))
                {
                    leadingCut = newline < 0 ? after.End : newline + 1;
                }
            }

            if (trailingCut is { } trailing && leadingCut is { } leading)
            {
                if (trailing >= 0)
                {
                    trims.Add((tokens[i - 1], false, trailing));
                }

                if (leading >= 0)
                {
                    trims.Add((tokens[i + 1], true, leading));
                }
            }
        }

        // Cuts are computed on the original slices first and applied afterwards, so neighbouring tags agree.
        foreach (var (token, leading, cut) in trims)
        {
            if (leading)
            {
                token.Start = Math.Max(token.Start, cut);
            }
            else
            {
                token.End = Math.Min(token.End, cut);
            }
        }
    }

    private static bool IsBlank(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Frame(Token? open)
    {
        public Token? Open { get; } = open;

        public List<TemplateNode> Body { get; } = [];

        public List<TemplateNode> Else { get; } = [];

        public bool InElse { get; set; }

        public List<TemplateNode> Current => InElse ? Else : Body;
    }

    private static ParsedTemplate Build(string text, List<Token> tokens)
    {
        var stack = new Stack<Frame>();
        stack.Push(new Frame(null));
        var references = new List<TemplateVariableReference>();
        foreach (var token in tokens)
        {
            var frame = stack.Peek();
            switch (token.Kind)
            {
                case TokenKind.Text:
                    if (token.End > token.Start)
                    {
                        frame.Current.Add(new TextNode(text[token.Start..token.End]));
                    }

                    break;
                case TokenKind.Variable:
                    references.Add(Reference(text, token, TemplateVariableUse.Text));
                    frame.Current.Add(new VariableNode(token.Name));
                    break;
                case TokenKind.This:
                    if (!stack.Any(f => f.Open?.Kind == TokenKind.OpenEach))
                    {
                        throw SyntaxError(text, token.Start, "{{this}} is only meaningful inside {{#each}}");
                    }

                    frame.Current.Add(new ThisNode());
                    break;
                case TokenKind.OpenEach or TokenKind.OpenIf:
                    if (stack.Count > MaxNesting)
                    {
                        throw SyntaxError(text, token.Start, $"blocks nest more than {MaxNesting} deep");
                    }

                    references.Add(Reference(text, token, token.Kind == TokenKind.OpenEach ? TemplateVariableUse.Each : TemplateVariableUse.If));
                    stack.Push(new Frame(token));
                    break;
                case TokenKind.Else:
                    if (frame.Open is null || frame.InElse)
                    {
                        throw SyntaxError(text, token.Start, frame.Open is null ? "{{else}} outside {{#if}} or {{#each}}" : "a second {{else}} in the same block");
                    }

                    frame.InElse = true;
                    break;
                default:
                    var expected = token.Kind == TokenKind.CloseEach ? TokenKind.OpenEach : TokenKind.OpenIf;
                    if (frame.Open is null)
                    {
                        throw SyntaxError(text, token.Start, $"`{Excerpt(text, token.Start, token.End)}` closes no open block");
                    }

                    if (frame.Open.Kind != expected)
                    {
                        var (line, column) = Position(text, frame.Open.Start);
                        throw SyntaxError(text, token.Start,
                            $"`{Excerpt(text, token.Start, token.End)}` does not close `{Excerpt(text, frame.Open.Start, frame.Open.End)}` (line {line}, column {column})");
                    }

                    stack.Pop();
                    stack.Peek().Current.Add(new BlockNode(expected == TokenKind.OpenEach, frame.Open.Name, frame.Body, frame.Else));
                    break;
            }
        }

        if (stack.Peek().Open is { } unclosed)
        {
            throw SyntaxError(text, unclosed.Start, $"`{Excerpt(text, unclosed.Start, unclosed.End)}` is never closed");
        }

        return new ParsedTemplate(stack.Peek().Body, references);
    }

    private static TemplateVariableReference Reference(string text, Token token, TemplateVariableUse use)
    {
        var (line, column) = Position(text, token.Start);
        return new TemplateVariableReference(token.Name, use, line, column);
    }

    private static void RenderNodes(IReadOnlyList<TemplateNode> nodes, TemplateValues values, string? item, StringBuilder output, int[] steps)
    {
        foreach (var node in nodes)
        {
            if (++steps[0] > MaxRenderSteps)
            {
                throw new TemplateException(TemplateError.OutputTooLarge,
                    $"The template does more than {MaxRenderSteps.ToString("N0", CultureInfo.InvariantCulture)} steps of work; nest fewer loops.");
            }

            switch (node)
            {
                case TextNode text:
                    Append(output, text.Text);
                    break;
                case ThisNode:
                    Append(output, item ?? "");
                    break;
                case VariableNode variable:
                    values.TryGet(variable.Name, out var value);
                    Append(output, value is List<string> list ? string.Join('\n', list.Select(i => "- " + i)) : (string)value);
                    break;
                case BlockNode block:
                    values.TryGet(block.Name, out var blockValue);
                    List<string> items = blockValue switch
                    {
                        List<string> l => l,
                        string s when !string.IsNullOrWhiteSpace(s) => [s],
                        _ => [],
                    };
                    if (items.Count == 0)
                    {
                        RenderNodes(block.Else, values, item, output, steps);
                    }
                    else if (block.IsEach)
                    {
                        foreach (var entry in items)
                        {
                            RenderNodes(block.Body, values, entry, output, steps);
                        }
                    }
                    else
                    {
                        RenderNodes(block.Body, values, item, output, steps);
                    }

                    break;
            }
        }
    }

    private static void Append(StringBuilder output, string text)
    {
        // Checked before appending, so a huge value or a long list fails fast instead of allocating first.
        if (output.Length + text.Length > MaxOutputLength)
        {
            throw new TemplateException(TemplateError.OutputTooLarge,
                $"The rendered text would exceed {MaxOutputLength.ToString("N0", CultureInfo.InvariantCulture)} characters.");
        }

        output.Append(text);
    }

    private static TemplateException SyntaxError(string text, int offset, string problem)
    {
        var (line, column) = Position(text, offset);
        return new TemplateException(TemplateError.Syntax, $"Line {line}, column {column}: {problem}.", line, column);
    }

    private static (int Line, int Column) Position(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    private static string Excerpt(string text, int start, int end)
    {
        var excerpt = StripControlCharacters(text[start..Math.Min(end, text.Length)]);
        return excerpt.Length <= MaxExcerpt ? excerpt : excerpt[..MaxExcerpt] + "…";
    }
}
