using System.Buffers;

namespace CoachingPlatform.Core.Transcripts;

/// <summary>
/// Collects speaker turns for every parser: merges consecutive turns of the same speaker (Zoom splits one turn into
/// many cues), collapses whitespace, interns speaker labels, and enforces the speaker and turn limits.
/// Turns whose text ends up empty are dropped (and the turns around them merge if they share a speaker).
/// </summary>
internal sealed class TurnBuilder : IDisposable
{
    /// <summary>Speaker of caption cues that come before any labelled cue.</summary>
    internal const string UnknownSpeaker = "Unknown";

    private static readonly SearchValues<char> WhitespaceButSpace = SearchValues.Create(
        "\t\n\v\f\r\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000");

    private readonly TranscriptLimits _limits;
    private readonly List<TranscriptTurn> _turns = [];
    private readonly HashSet<string> _speakers = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _speakerLookup;
    private char[] _text = ArrayPool<char>.Shared.Rent(4096);
    private int _length;
    private bool _open;
    private bool _labelled;
    private string _speaker = "";
    private double? _start;
    private double? _end;

    public TurnBuilder(TranscriptLimits limits)
    {
        _limits = limits;
        _speakerLookup = _speakers.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Where the parser is, for error messages ("Line 12").</summary>
    public int Line { get; set; }

    public bool IsOpen => _open;

    public bool IsKnownSpeaker(ReadOnlySpan<char> label) => _speakerLookup.Contains(label);

    /// <summary>Starts a turn for <paramref name="label"/>, or extends the open one when it is the same speaker.</summary>
    public void Begin(ReadOnlySpan<char> label, double? start, double? end)
    {
        label = label.Trim();
        _labelled = true;
        if (_open && label.SequenceEqual(_speaker))
        {
            Extend(start, end);
            return;
        }

        StartTurn(Intern(label), start, end);
    }

    /// <summary>Text without a speaker label continues the open turn (or, before any label, belongs to <see cref="UnknownSpeaker"/>).</summary>
    public void Continue(double? start, double? end)
    {
        if (_open)
        {
            Extend(start, end);
            return;
        }

        StartTurn(Intern(UnknownSpeaker), start, end);
    }

    /// <summary>
    /// Ends the open turn at <paramref name="time"/> (Otter and timestamped plain text: a turn lasts until the next
    /// header). Real exports jitter by a second, so a time before the turn's start is clamped to the start.
    /// </summary>
    public void CloseAt(double time)
    {
        if (!_open || _start is not { } start)
        {
            return;
        }

        _end = Math.Max(time, start);
    }

    /// <summary>Appends a piece of text to the open turn, separated from what is there by one space.</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        var first = text.IndexOfAnyExcept(SpeakerLabels.Whitespace);
        if (first < 0)
        {
            return;
        }

        text = text[first..];
        text = text[..(text.LastIndexOfAnyExcept(SpeakerLabels.Whitespace) + 1)];
        EnsureCapacity(_length + 1 + text.Length);
        if (_length > 0)
        {
            _text[_length++] = ' ';
        }

        // Most text is already single-spaced: copy it in one go.
        if (!text.ContainsAny(WhitespaceButSpace) && text.IndexOf("  ") < 0)
        {
            text.CopyTo(_text.AsSpan(_length));
            _length += text.Length;
            return;
        }

        var pendingSpace = false;
        foreach (var c in text)
        {
            if (SpeakerLabels.Whitespace.Contains(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                _text[_length++] = ' ';
                pendingSpace = false;
            }

            _text[_length++] = c;
        }
    }

    public ParsedTranscript Build(TranscriptFormat format)
    {
        if (_open && _length > 0)
        {
            Emit();
        }

        _open = false;
        if (_turns.Count == 0)
        {
            throw TranscriptErrors.Empty("The transcript contains no speaker turns.");
        }

        if (!_labelled)
        {
            throw TranscriptErrors.Empty("The captions have no speaker labels (neither <v Name> voice tags nor 'Name:' prefixes).");
        }

        return new ParsedTranscript(format, _turns);
    }

    public void Dispose()
    {
        // Transcripts are health data: do not hand their text to the next renter of the shared pool.
        ArrayPool<char>.Shared.Return(_text, clearArray: true);
        _text = [];
    }

    private string Intern(ReadOnlySpan<char> label)
    {
        if (label.IsEmpty)
        {
            throw TranscriptErrors.Malformed($"Line {Line}: empty speaker label.");
        }

        if (_speakerLookup.TryGetValue(label, out var existing))
        {
            return existing;
        }

        if (label.Length > _limits.MaxSpeakerLength)
        {
            throw TranscriptErrors.TooLarge(
                $"Line {Line}: the speaker label is {label.Length} characters long; the limit (MaxSpeakerLength) is {_limits.MaxSpeakerLength}.");
        }

        if (_speakers.Count >= _limits.MaxSpeakers)
        {
            throw TranscriptErrors.TooLarge(
                $"Line {Line}: more than {_limits.MaxSpeakers} distinct speakers (MaxSpeakers).");
        }

        var speaker = label.ToString();
        _speakers.Add(speaker);
        return speaker;
    }

    private void StartTurn(string speaker, double? start, double? end)
    {
        if (_open && _length > 0)
        {
            Emit();
        }

        _open = true;
        _length = 0;
        if (_turns.Count > 0 && ReferenceEquals(_turns[^1].Speaker, speaker))
        {
            // The turn in between was empty and dropped: the same speaker goes on.
            Reopen();
            Extend(start, end);
            return;
        }

        if (_turns.Count >= _limits.MaxTurns)
        {
            throw TranscriptErrors.TooLarge($"Line {Line}: more than {_limits.MaxTurns} speaker turns (MaxTurns).");
        }

        _speaker = speaker;
        _start = start;
        _end = end;
    }

    private void Extend(double? start, double? end)
    {
        _start ??= start;
        if (end is { } e)
        {
            _end = _end is { } current ? Math.Max(current, e) : e;
        }
    }

    private void Reopen()
    {
        var last = _turns[^1];
        _turns.RemoveAt(_turns.Count - 1);
        _speaker = last.Speaker;
        _start = last.Start;
        _end = last.End;
        EnsureCapacity(last.Text.Length);
        last.Text.CopyTo(_text);
        _length = last.Text.Length;
    }

    private void Emit() =>
        _turns.Add(new TranscriptTurn(_turns.Count, _speaker, _start, _end, new string(_text, 0, _length)));

    private void EnsureCapacity(int needed)
    {
        if (needed <= _text.Length)
        {
            return;
        }

        var bigger = ArrayPool<char>.Shared.Rent(Math.Max(needed, _text.Length * 2));
        _text.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<char>.Shared.Return(_text, clearArray: true);
        _text = bigger;
    }
}
