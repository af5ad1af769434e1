using System.Globalization;
using System.IO.Compression;
using System.Text;
using CoachingPlatform.Core.Transcripts;
using CoachingPlatform.Tests.Infrastructure;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CoachingPlatform.Tests.Unit.Transcripts;

/// <summary>Files and builders the transcript tests share: samples, .docx and zip writers.</summary>
internal static class TranscriptTestFiles
{
    public static string SamplesFolder => Path.Combine(RepositoryPaths.Root, "samples");

    public static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(SamplesFolder, name));

    public static ParsedTranscript Parse(byte[] bytes, string? fileName = null, TranscriptLimits? limits = null) =>
        TranscriptParser.Parse(bytes, fileName, limits ?? TranscriptLimits.Default);

    public static ParsedTranscript Parse(string text, string? fileName = null, TranscriptLimits? limits = null) =>
        Parse(Encoding.UTF8.GetBytes(text), fileName, limits);

    public static TranscriptError ErrorOf(byte[] bytes, string? fileName = null, TranscriptLimits? limits = null) =>
        Assert.Throws<TranscriptFormatException>(() => Parse(bytes, fileName, limits)).Error;

    public static TranscriptError ErrorOf(string text, string? fileName = null, TranscriptLimits? limits = null) =>
        ErrorOf(Encoding.UTF8.GetBytes(text), fileName, limits);

    /// <summary>A minimal Word document: one paragraph per line; a tab in a line becomes a Word tab.</summary>
    public static byte[] Docx(IEnumerable<string> paragraphs, IEnumerable<string[]>? tableRows = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var line in paragraphs)
            {
                body.Append(DocxParagraph(line));
            }

            if (tableRows is not null)
            {
                var table = new Table();
                foreach (var cells in tableRows)
                {
                    table.Append(new TableRow(cells.Select(c => new TableCell(DocxParagraph(c)))));
                }

                body.Append(table);
            }

            main.Document = new Document(body);
            document.PackageProperties.Title = "Transcript";
        }

        return stream.ToArray();
    }

    private static Paragraph DocxParagraph(string line)
    {
        var run = new Run();
        var pieces = line.Split('\t');
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new TabChar());
            }

            run.Append(new Text(pieces[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return new Paragraph(run);
    }

    /// <summary>A zip with the given entries (name → content), as a .docx-shaped or any other archive.</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }

    /// <summary>The Otter sample as a Word document (the committed samples/workshop.docx is this output).</summary>
    public static byte[] WorkshopDocx()
    {
        var lines = new List<string> { "Momentum Lab — group workshop, week 3", "Monday 9 March 2026 · transcript", "" };
        lines.AddRange(File.ReadAllLines(Path.Combine(SamplesFolder, "workshop-otter.txt"), Encoding.UTF8));
        return Docx(lines);
    }

    public static string Clock(double seconds, char separator)
    {
        var ms = (long)Math.Round(seconds * 1000);
        return string.Create(CultureInfo.InvariantCulture,
            $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}{separator}{ms % 1000:000}");
    }
}
