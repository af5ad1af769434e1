namespace CoachingPlatform.Core.Transcripts;

/// <summary>Splits text into lines (LF, CRLF or CR) without allocating, counting line numbers and enforcing the line limit.</summary>
internal ref struct LineReader
{
    private readonly int _maxLineLength;
    private ReadOnlySpan<char> _rest;
    private bool _done;

    public LineReader(ReadOnlySpan<char> text, int maxLineLength)
    {
        _rest = text;
        _maxLineLength = maxLineLength;
    }

    /// <summary>1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    public bool TryRead(out ReadOnlySpan<char> line)
    {
        if (_done)
        {
            line = default;
            return false;
        }

        var i = _rest.IndexOfAny('\r', '\n');
        if (i < 0)
        {
            line = _rest;
            _rest = default;
            _done = true;
        }
        else
        {
            line = _rest[..i];
            var skip = _rest[i] == '\r' && i + 1 < _rest.Length && _rest[i + 1] == '\n' ? 2 : 1;
            _rest = _rest[(i + skip)..];
        }

        LineNumber++;
        if (line.Length > _maxLineLength)
        {
            throw TranscriptErrors.TooLarge(
                $"Line {LineNumber} is {line.Length} characters long; the limit (MaxLineLength) is {_maxLineLength}.");
        }

        return true;
    }
}
