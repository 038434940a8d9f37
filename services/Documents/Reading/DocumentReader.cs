using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Parsing;

namespace PerfPlatform.Documents.Reading;

/// <summary>A document read from a file: what was read, how it was read ("GB18030 编码的文本"), and where its lines came from.</summary>
public sealed class ReadDocument(ParseResult parsed, string format, FormText? source)
{
    public ParseResult Parsed => parsed;
    public string Format => format;

    /// <summary>Findings on the parsed lines (the parser's, the document checks'), told by their places in the source file.</summary>
    public IReadOnlyList<DocumentFinding> Place(IEnumerable<DocumentFinding> findings) => source?.Relocate(findings) ?? findings.ToList();
}

/// <summary>
/// The one way a file becomes a target document, for perfctl, the console's upload and the import route alike: Word
/// (.docx), Excel (.xlsx) or text in any of the encodings departments save in. Chosen by the file's content first (a zip
/// with a Word or Excel body; the legacy binary .doc/.xls is refused with what to do), then by its name.
/// </summary>
public static class DocumentReader
{
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] LegacyOffice = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static ReadDocument Read(byte[] bytes, string fileName, string? encoding = null)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (bytes.AsSpan().StartsWith(LegacyOffice) || extension is ".doc" or ".xls" or ".wps" or ".et")
            throw new DocumentReadException(extension is ".xls" or ".et"
                ? "不支持旧版 Excel 格式（.xls）。请在 Excel 中「另存为」Excel 工作簿（.xlsx）后再导入。"
                : "不支持旧版 Word 格式（.doc）。请在 Word 中「另存为」Word 文档（.docx）后再导入。");
        if (bytes.AsSpan().StartsWith(Zip) || extension is ".docx" or ".xlsx")
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var excel = extension == ".xlsx" || (extension != ".docx" && HasPart(bytes, "xl/workbook.xml"));
            var form = excel ? ExcelReader.Read(stream) : WordReader.Read(stream);
            return new ReadDocument(TargetDocumentParser.Parse(form.Text), excel ? "Excel 工作簿（.xlsx）" : "Word 文档（.docx）", form);
        }
        var decoded = TextDecoding.Decode(bytes, encoding);
        return new ReadDocument(TargetDocumentParser.Parse(decoded.Text), $"{decoded.EncodingName} 编码的文本", null);
    }

    private static bool HasPart(byte[] bytes, string part)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes, writable: false));
            return zip.GetEntry(part) is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
