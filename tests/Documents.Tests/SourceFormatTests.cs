using System.Text;
using System.Text.RegularExpressions;
using PerfPlatform.Documents.Checks;
using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Reading;
using PerfPlatform.Documents.Rendering;
using Xunit;

namespace PerfPlatform.Documents.Tests;

/// <summary>The seed as departments really have it: text in their encodings, the Word file, and the platform's own workbook.</summary>
public sealed partial class SourceFormatTests
{
    static SourceFormatTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly ReadDocument Reference = DocumentReader.Read(Encoding.UTF8.GetBytes(Seed.Text), "seed.txt");

    public static TheoryData<string, string> Encodings => new()
    {
        { "utf-8", "UTF-8" },
        { "utf-8-bom-crlf", "UTF-8（带 BOM）" },
        { "gb18030", "GB18030" },
        { "gbk-crlf", "GB18030" },
        { "utf-16le", "UTF-16LE" },
        { "utf-16be", "UTF-16BE" },
        { "utf-8-cr", "UTF-8" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void The_seed_in_every_encoding_reads_as_the_same_document(string variant, string detected)
    {
        var read = DocumentReader.Read(Encode(Seed.Text, variant), "seed.txt");
        Assert.Equal($"{detected} 编码的文本", read.Format);
        Assert.Equal(Reference.Parsed.Document, read.Parsed.Document);
        Assert.Equal(Findings(Reference), Findings(read));
    }

    [Fact]
    public void Gbk_text_read_as_utf8_would_be_garbage_and_is_detected_instead()
    {
        var gbk = Encoding.GetEncoding("GB18030").GetBytes(Seed.Text);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(gbk));
        Assert.Equal(6, DocumentReader.Read(gbk, "部门目标.txt").Parsed.Document.Projects.Count);
    }

    [Fact]
    public void An_encoding_given_by_the_user_overrides_the_detection()
    {
        var gbk = Encoding.GetEncoding("GB18030").GetBytes(Seed.Text);
        Assert.Equal("GB18030 编码的文本", DocumentReader.Read(gbk, "a.txt", "GBK").Format);
        var wrong = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(gbk, "a.txt", "utf-8"));
        Assert.Contains("UTF-8", wrong.Message);
        var unknown = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(gbk, "a.txt", "klingon"));
        Assert.Contains("不认识的编码", unknown.Message);
    }

    [Fact]
    public void Bytes_that_decode_in_no_encoding_are_refused_naming_encodings_not_sections()
    {
        // 0x80 alone is no UTF-8 and no GB18030 (a lead byte without its trail, then a byte no encoding starts with).
        var bytes = Encoding.UTF8.GetBytes("第一部分\n").Concat(new byte[] { 0x81, 0x0A, 0xFF, 0xFF }).ToArray();
        var e = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(bytes, "a.txt"));
        Assert.Contains("GB18030", e.Message);
        Assert.Contains("UTF-8", e.Message);
        Assert.DoesNotContain("第二部分", e.Message);
    }

    [Fact]
    public void The_word_file_reads_as_the_same_document_with_the_same_findings()
    {
        var read = DocumentReader.Read(File.ReadAllBytes(Seed.WordPath), "seed.docx");
        Assert.Equal("Word 文档（.docx）", read.Format);
        Assert.Equal(Reference.Parsed.Document, read.Parsed.Document);
        Assert.Equal(Findings(Reference), Findings(read));
    }

    [Fact]
    public void Findings_in_a_word_file_point_at_its_table_and_row()
    {
        var seed = DocumentReader.Read(File.ReadAllBytes(Seed.WordPath), "seed.docx");
        // The seed's duplicated project name (COD-03) is placed on the second table's title paragraph.
        Assert.Contains(AllFindings(seed), f => f.Code == "COD-03" && f.Place == "第 23 段" && !LineWords().IsMatch(f.Message));

        // The first table's 预算数 (row 3, cell 3) spoilt in Word: the finding names that table and row, not a text line.
        var read = DocumentReader.Read(WithCell(File.ReadAllBytes(Seed.WordPath), table: 0, row: 2, cell: 2, "19万5千"), "seed.docx");
        var spoilt = Assert.Single(AllFindings(read), f => f.Code == "DOC-11");
        Assert.Equal("表 1 第 3 行", spoilt.Place);
        Assert.Contains("表 1 第 3 行", spoilt.Message);
        Assert.DoesNotMatch(LineWords(), spoilt.Message);
    }

    private static byte[] WithCell(byte[] docx, int table, int row, int cell, string text)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(stream, true))
        {
            var tc = word.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().ElementAt(table)
                .Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().ElementAt(row)
                .Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().ElementAt(cell);
            var texts = tc.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().ToList();
            texts[0].Text = text;
            foreach (var more in texts.Skip(1)) more.Text = "";
            word.MainDocumentPart.Document.Save();
        }
        return stream.ToArray();
    }

    [Fact]
    public void The_platforms_own_workbook_reads_back_to_the_same_document()
    {
        using var stream = new MemoryStream();
        XlsxRenderer.Render(Reference.Parsed.Document, stream);
        var read = DocumentReader.Read(stream.ToArray(), "export.xlsx");
        Assert.Equal("Excel 工作簿（.xlsx）", read.Format);
        Assert.Equal(Reference.Parsed.Document, read.Parsed.Document);
        Assert.Equal(Findings(Reference), Findings(read));
        Assert.All(AllFindings(read).Where(f => f.Line > 0), f => Assert.StartsWith("工作表「", f.Place));
    }

    [Fact]
    public void A_sheet_laid_out_like_the_word_table_without_a_title_reads_too()
    {
        // One project table per sheet, as an official would copy it from Word: no title row, no part one, no summary.
        using var stream = new MemoryStream();
        var document = Reference.Parsed.Document;
        XlsxRenderer.Render(document with { Projects = Model.ValueList.Of(document.Projects.Take(2)) }, stream);
        var edited = WithoutTitlesAndPartOne(stream.ToArray());
        var read = DocumentReader.Read(edited, "两个项目.xlsx");
        Assert.Equal(2, read.Parsed.Document.Projects.Count);
        for (var i = 0; i < 2; i++)
        {
            var (expected, actual) = (document.Projects[i], read.Parsed.Document.Projects[i]);
            Assert.Equal(expected with { Title = actual.Title }, actual);
            Assert.Equal($"{i + 1}.{expected.Name}绩效目标表", actual.Title);
        }
    }

    [Fact]
    public void Legacy_binary_office_files_are_refused_with_what_to_do()
    {
        var ole = new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0 };
        Assert.Contains("另存为", Assert.Throws<DocumentReadException>(() => DocumentReader.Read(ole, "目标表.doc")).Message);
        Assert.Contains(".docx", Assert.Throws<DocumentReadException>(() => DocumentReader.Read(ole, "目标表.doc")).Message);
        Assert.Contains(".xlsx", Assert.Throws<DocumentReadException>(() => DocumentReader.Read(ole, "目标表.xls")).Message);
    }

    private static byte[] Encode(string text, string variant)
    {
        var lf = text.Replace("\r\n", "\n");
        return variant switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(lf),
            "utf-8-bom-crlf" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(lf.Replace("\n", "\r\n"))],
            "gb18030" => Encoding.GetEncoding("GB18030").GetBytes(lf),
            "gbk-crlf" => Encoding.GetEncoding("GBK").GetBytes(lf.Replace("\n", "\r\n")),
            "utf-16le" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(lf)],
            "utf-16be" => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(lf)],
            "utf-8-cr" => Encoding.UTF8.GetBytes(lf.Replace('\n', '\r')),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
    }

    private static IReadOnlyList<DocumentFinding> AllFindings(ReadDocument read) =>
        read.Place(read.Parsed.Findings.Concat(DocumentChecks.Run(read.Parsed.Document, read.Parsed.Lines)));

    /// <summary>
    /// The findings of a reading, told apart by rule, severity, project and message with the place left out (a text
    /// line and a Word row are the same place in two sources). DOC-01 is about the text export's own artefacts (Word's
    /// field codes and page numbers written as text), which a Word or Excel file holds as fields or not at all.
    /// </summary>
    private static List<string> Findings(ReadDocument read) =>
        AllFindings(read).Where(f => f.Code != "DOC-01")
            .Select(f => $"{f.Code} {f.Severity} {f.ProjectCode} {Places().Replace(f.Message, "@")}")
            .Order(StringComparer.Ordinal).ToList();

    private static byte[] WithoutTitlesAndPartOne(byte[] workbook)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var package = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, true))
        {
            var book = package.WorkbookPart!;
            foreach (var sheet in book.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList())
            {
                var part = (DocumentFormat.OpenXml.Packaging.WorksheetPart)book.GetPartById(sheet.Id!.Value!);
                if (sheet.Name == XlsxRenderer.SummarySheet || sheet.Name == FormRows.PartOneTitle)
                {
                    sheet.Remove();
                    book.DeletePart(part);
                    continue;
                }
                part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().First().Remove();
            }
            book.Workbook.Save();
        }
        return stream.ToArray();
    }

    [GeneratedRegex(@"(第 [0-9]+ 行|表 [0-9]+ 第 [0-9]+ 行|第 [0-9]+ 段|工作表「[^」]*」第 [0-9]+ 行)")]
    private static partial Regex Places();

    [GeneratedRegex(@"(?<!表 [0-9]+ )第 [0-9]+ 行")]
    private static partial Regex LineWords();
}
