using System.IO.Compression;
using System.IO.Packaging;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CoachingPlatform.Core.Transcripts;

/// <summary>
/// Turns a .docx into lines of text (one per paragraph; a table row becomes <c>Name: text</c>), which are then read
/// by the text parsers. The zip's central directory is checked before anything is decompressed.
/// </summary>
internal static class DocxTextExtractor
{
    private const string MainDocumentEntry = "word/document.xml";
    private const long RatioCheckFloor = 1024 * 1024;
    private const long MaxCompressionRatio = 100;

    public static bool IsZip(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3 && bytes[3] == 4;

    public static string Extract(ReadOnlyMemory<byte> content, TranscriptLimits limits)
    {
        using var stream = AsStream(content);
        CheckArchive(stream, limits);
        stream.Position = 0;
        try
        {
            var settings = new OpenSettings { AutoSave = false, MaxCharactersInPart = limits.MaxDocxExpandedBytes };
            using var document = WordprocessingDocument.Open(stream, isEditable: false, settings);
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw TranscriptErrors.InvalidDocument("The .docx has no document body.");
            var text = new StringBuilder();
            AppendBlocks(body, text);
            return text.ToString();
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException
            or IOException or InvalidOperationException or FormatException or NotSupportedException)
        {
            throw TranscriptErrors.InvalidDocument("The .docx could not be read as a Word document (damaged or not OpenXML).");
        }
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);

    // Zip-bomb guard: only the central directory is read here. Declared sizes cannot be exceeded later, because the
    // runtime's zip reader stops inflating an entry at its declared size, and OpenXML caps characters per part.
    private static void CheckArchive(MemoryStream stream, TranscriptLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            var hasDocument = false;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > limits.MaxDocxExpandedBytes)
                {
                    throw TranscriptErrors.InvalidDocument(
                        $"The .docx would expand to more than {limits.MaxDocxExpandedBytes} bytes (MaxDocxExpandedBytes).");
                }

                if (entry.Length > RatioCheckFloor && entry.Length > entry.CompressedLength * MaxCompressionRatio)
                {
                    throw TranscriptErrors.InvalidDocument(
                        $"The .docx has an entry compressed more than {MaxCompressionRatio}:1; refusing a possible zip bomb.");
                }

                hasDocument |= entry.FullName == MainDocumentEntry;
            }

            if (!hasDocument)
            {
                throw TranscriptErrors.InvalidDocument("The file is a zip archive but not a Word document (no word/document.xml).");
            }
        }
        catch (InvalidDataException)
        {
            throw TranscriptErrors.InvalidDocument("The .docx is not a valid zip archive.");
        }
    }

    private static void AppendBlocks(OpenXmlElement container, StringBuilder text)
    {
        foreach (var element in container.ChildElements)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    AppendParagraph(paragraph, text);
                    text.Append('\n');
                    break;
                case Table table:
                    foreach (var row in table.Elements<TableRow>())
                    {
                        AppendRow(row, text);
                        text.Append('\n');
                    }

                    text.Append('\n');
                    break;
                case SdtBlock sdt when sdt.SdtContentBlock is { } contentBlock:
                    AppendBlocks(contentBlock, text);
                    break;
                default:
                    break;
            }
        }
    }

    private static void AppendParagraph(OpenXmlElement paragraph, StringBuilder text)
    {
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append('\t');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
                case NoBreakHyphen:
                    text.Append('-');
                    break;
                default:
                    break;
            }
        }
    }

    // Transcripts pasted as a table: "Name | text" or "time | Name | text" rows read as "[time] Name: text".
    private static void AppendRow(TableRow row, StringBuilder text)
    {
        var cells = new List<string>();
        foreach (var cell in row.Elements<TableCell>())
        {
            var cellText = new StringBuilder();
            foreach (var paragraph in cell.Elements<Paragraph>())
            {
                if (cellText.Length > 0)
                {
                    cellText.Append(' ');
                }

                AppendParagraph(paragraph, cellText);
            }

            cells.Add(cellText.Replace('\n', ' ').ToString().Trim());
        }

        if (cells.Count == 3 && Timestamps.LooksLikeTime(cells[0]))
        {
            text.Append('[').Append(cells[0]).Append("] ").Append(cells[1]).Append(": ").Append(cells[2]);
        }
        else if (cells.Count == 2)
        {
            text.Append(cells[0]).Append(": ").Append(cells[1]);
        }
        else
        {
            text.AppendJoin("  ", cells);
        }
    }
}
