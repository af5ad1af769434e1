using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace CoachingPlatform.Core.Transcripts;

/// <summary>
/// WebVTT (Zoom, Teams) and SubRip captions: blocks of an optional identifier, a <c>start --> end</c> timing line and
/// text lines, separated by blank lines. The speaker is a voice tag <c>&lt;v Name&gt;</c>, or a <c>Name: </c> prefix
/// (SRT also <c>[Name]</c>) on the cue's first line; a cue without one continues the previous speaker.
/// </summary>
internal sealed class CueTranscriptParser : IDisposable
{
    private enum State
    {
        Between,
        Header,
        Skip,
        AfterIdentifier,
        Cue,
        Orphan,
    }

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SoundDescriptions = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        [
            "Music", "Applause", "Laughter", "Laughs", "Laughing", "Chuckles", "Sighs", "Coughs", "Inaudible", "Unintelligible",
            "Crosstalk", "Silence", "Pause", "Noise", "Background noise", "Foreign", "Cheering", "Indistinct", "Blank audio",
        ]).GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly TurnBuilder _turns;
    private readonly TranscriptLimits _limits;
    private readonly bool _webVtt;
    private char[] _scratch = ArrayPool<char>.Shared.Rent(1024);
    private double _cueStart;
    private double _cueEnd;
    private bool _voice;
    private bool _firstSegment;
    private int _line;

    private CueTranscriptParser(TurnBuilder turns, TranscriptLimits limits, bool webVtt)
    {
        _turns = turns;
        _limits = limits;
        _webVtt = webVtt;
    }

    public static void Parse(ReadOnlySpan<char> text, bool webVtt, TurnBuilder turns, TranscriptLimits limits)
    {
        using var parser = new CueTranscriptParser(turns, limits, webVtt);
        parser.Run(text);
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_scratch, clearArray: true);
        _scratch = [];
    }

    private void Run(ReadOnlySpan<char> text)
    {
        var reader = new LineReader(text, _limits.MaxLineLength);
        var state = State.Between;
        var started = false;
        ReadOnlySpan<char> identifier = default;
        var identifierIsNumber = false;
        while (reader.TryRead(out var line))
        {
            _line = reader.LineNumber;
            _turns.Line = _line;
            var blank = SpeakerLabels.IsBlank(line);
            if (!started)
            {
                if (blank)
                {
                    continue;
                }

                started = true;
                if (_webVtt && IsKeyword(line, "WEBVTT"))
                {
                    state = State.Header;
                    continue;
                }
            }

            if (blank)
            {
                if (state == State.AfterIdentifier)
                {
                    EndOrphanIdentifier(identifier, identifierIsNumber);
                }

                state = State.Between;
                continue;
            }

            switch (state)
            {
                case State.Header:
                    // Header metadata ("Kind: captions") until the first blank line; tolerate a cue right after it.
                    if (IsTiming(line))
                    {
                        StartCue(line);
                        state = State.Cue;
                    }

                    break;
                case State.Skip:
                    break;
                case State.Between:
                    if (_webVtt && (IsKeyword(line, "NOTE") || IsKeyword(line, "STYLE") || IsKeyword(line, "REGION")))
                    {
                        state = State.Skip;
                    }
                    else if (IsTiming(line))
                    {
                        StartCue(line);
                        state = State.Cue;
                    }
                    else
                    {
                        identifier = line;
                        identifierIsNumber = line.Trim().IndexOfAnyExceptInRange('0', '9') < 0;
                        state = State.AfterIdentifier;
                    }

                    break;
                case State.AfterIdentifier:
                    if (IsTiming(line))
                    {
                        StartCue(line);
                        state = State.Cue;
                        break;
                    }

                    if (identifierIsNumber)
                    {
                        throw TranscriptErrors.Malformed(
                            $"Line {_line}: expected a cue timing such as '00:00:01,000 --> 00:00:04,000' after the cue number.");
                    }

                    // A block without timing is cue text that was split by a stray blank line: keep it with the cue before.
                    if (_turns.IsOpen)
                    {
                        AddLine(identifier);
                        AddLine(line);
                    }

                    state = State.Orphan;
                    break;
                case State.Orphan:
                    if (_turns.IsOpen)
                    {
                        AddLine(line);
                    }

                    break;
                default:
                    AddLine(line);
                    break;
            }
        }

        if (state == State.AfterIdentifier)
        {
            EndOrphanIdentifier(identifier, identifierIsNumber);
        }
    }

    // A one-line block without timing: a cue number whose timing is missing is an error; other text is cue text
    // that a stray blank line separated from its cue.
    private void EndOrphanIdentifier(ReadOnlySpan<char> identifier, bool isNumber)
    {
        if (isNumber)
        {
            throw TranscriptErrors.Malformed($"Line {_line}: a cue number without a timing line such as '00:00:01,000 --> 00:00:04,000'.");
        }

        if (_turns.IsOpen)
        {
            AddLine(identifier);
        }
    }

    private static bool IsKeyword(ReadOnlySpan<char> line, string keyword) =>
        line.StartsWith(keyword, StringComparison.Ordinal)
        && (line.Length == keyword.Length || line[keyword.Length] is ' ' or '\t');

    private static bool IsTiming(ReadOnlySpan<char> line) => line.IndexOf("-->") >= 0;

    private void StartCue(ReadOnlySpan<char> line)
    {
        var arrow = line.IndexOf("-->");
        var left = line[..arrow].Trim();
        var right = line[(arrow + 3)..].TrimStart();
        var settings = right.IndexOfAny(SpeakerLabels.Whitespace);
        if (settings >= 0)
        {
            right = right[..settings]; // cue settings (align:start position:10%) are presentation only
        }

        if (!Timestamps.TryParse(left, out var start) || !Timestamps.TryParse(right, out var end))
        {
            throw TranscriptErrors.Malformed(
                $"Line {_line}: not a valid cue timing; expected '00:00:01.000 --> 00:00:04.000' ('00:00:01,000' in SRT).");
        }

        if (end < start)
        {
            throw TranscriptErrors.Malformed($"Line {_line}: the cue ends before it starts.");
        }

        _cueStart = start;
        _cueEnd = end;
        _voice = false;
        _firstSegment = true;
    }

    private void AddLine(ReadOnlySpan<char> line)
    {
        if (line.IndexOfAny('<', '&') < 0)
        {
            Segment(line);
            return;
        }

        // Markup: strip tags (<c>, <i>, <b>, <00:00:01.000>), switch speaker on voice tags, decode entities.
        if (_scratch.Length < line.Length)
        {
            ArrayPool<char>.Shared.Return(_scratch, clearArray: true);
            _scratch = ArrayPool<char>.Shared.Rent(line.Length);
        }

        var n = 0;
        var lastClose = line.LastIndexOf('>'); // a '<' after it is literal: no rescanning, so hostile lines stay linear
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '<' && i < lastClose)
            {
                var close = line[(i + 1)..].IndexOf('>');
                if (close >= 0)
                {
                    var tag = line.Slice(i + 1, close);
                    i += close + 1;
                    if (TryVoiceName(tag, out var name))
                    {
                        Segment(_scratch.AsSpan(0, n));
                        n = 0;
                        _turns.Begin(name, _cueStart, _cueEnd);
                        _voice = true;
                        _firstSegment = false;
                    }

                    continue;
                }
            }
            else if (c == '&' && TryDecodeEntity(line[i..], _scratch.AsSpan(n), out var written, out var consumed))
            {
                n += written;
                i += consumed - 1;
                continue;
            }

            _scratch[n++] = c;
        }

        Segment(_scratch.AsSpan(0, n));
    }

    private void Segment(ReadOnlySpan<char> text)
    {
        if (SpeakerLabels.IsBlank(text))
        {
            return;
        }

        if (!_voice && _firstSegment)
        {
            _firstSegment = false;
            if (TryLabel(text, out var label, out var rest))
            {
                _turns.Begin(label, _cueStart, _cueEnd);
                _turns.Append(rest);
                return;
            }

            _turns.Continue(_cueStart, _cueEnd);
        }

        _turns.Append(text);
    }

    private bool TryLabel(ReadOnlySpan<char> text, out ReadOnlySpan<char> label, out ReadOnlySpan<char> rest)
    {
        var trimmed = text.TrimStart();
        if (!_webVtt && trimmed.StartsWith('['))
        {
            // "[Music]", "[Laughter]" are sound descriptions, and a bracket alone on the line is not a speaker change.
            var close = trimmed.IndexOf(']');
            if (close > 1
                && !SpeakerLabels.IsBlank(trimmed[(close + 1)..])
                && !SoundDescriptions.Contains(trimmed[1..close].Trim())
                && SpeakerLabels.Accept(trimmed[1..close].Trim(), _turns, _limits.MaxSpeakerLength, _line))
            {
                label = trimmed[1..close].Trim();
                rest = trimmed[(close + 1)..];
                return true;
            }
        }

        return SpeakerLabels.TrySplitColonLabel(trimmed, _turns, _limits.MaxSpeakerLength, _line, out label, out rest);
    }

    // <v Name>, <v.loud Name>, <v Name Surname>; the class part (after a dot) is not the name.
    private static bool TryVoiceName(ReadOnlySpan<char> tag, out ReadOnlySpan<char> name)
    {
        name = default;
        if (tag.Length < 3 || tag[0] != 'v' || tag[1] is not (' ' or '\t' or '.'))
        {
            return false;
        }

        var space = tag.IndexOfAny(' ', '\t');
        if (space < 0)
        {
            return false;
        }

        name = tag[(space + 1)..].Trim();
        return !name.IsEmpty;
    }

    private static bool TryDecodeEntity(ReadOnlySpan<char> s, Span<char> destination, out int written, out int consumed)
    {
        written = 0;
        consumed = 0;
        var semicolon = s[..Math.Min(s.Length, 12)].IndexOf(';');
        if (semicolon < 2)
        {
            return false;
        }

        var name = s[1..semicolon];
        consumed = semicolon + 1;
        char? simple = name switch
        {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "nbsp" => ' ',
            "quot" => '"',
            "apos" => '\'',
            "lrm" or "rlm" => '\u200B',
            _ => null,
        };
        if (simple is { } c)
        {
            if (c != '\u200B')
            {
                destination[0] = c;
                written = 1;
            }

            return true;
        }

        if (name[0] != '#')
        {
            return false;
        }

        var hex = name.Length > 1 && (name[1] == 'x' || name[1] == 'X');
        var digits = hex ? name[2..] : name[1..];
        if (!int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            || !Rune.TryCreate(code, out var rune) || Rune.IsControl(rune))
        {
            return false;
        }

        written = rune.EncodeToUtf16(destination);
        return true;
    }
}
