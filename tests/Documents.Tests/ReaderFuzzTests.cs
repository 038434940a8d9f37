using System.IO.Compression;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PerfPlatform.Documents.Reading;
using PerfPlatform.Documents.Rendering;
using Xunit;

namespace PerfPlatform.Documents.Tests;

/// <summary>
/// The Word, Excel and text readers on damaged and hostile files (FsCheck draws new ones each run): any bytes, the seed's
/// .docx and the platform's .xlsx cut short or with bytes flipped, entity-expansion XML and zip bombs are either read or
/// refused with a <see cref="DocumentReadException"/> (a Chinese message), never another exception and never a hang.
/// PERF_RELIABILITY=full tries twenty times as many.
/// </summary>
public sealed class ReaderFuzzTests
{
    private static readonly int Scale = Environment.GetEnvironmentVariable("PERF_RELIABILITY") == "full" ? 20 : 1;
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);
    private static Config Runs(int count) => Config.QuickThrowOnFailure.WithMaxTest(count * Scale);

    private static readonly byte[] Word = File.ReadAllBytes(Seed.WordPath);
    private static readonly byte[] Excel = Workbook();

    [Fact]
    public void Word_and_excel_files_cut_short_or_flipped_are_read_or_refused_clearly() =>
        Prop.ForAll(Damaged().ToArbitrary(), file => WellBehaved(file.Bytes, file.Name)).Check(Runs(60));

    [Fact]
    public void Any_bytes_under_any_office_or_text_name_are_read_or_refused_clearly() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), Gen.Elements("a.docx", "a.xlsx", "a.txt", "a").ToArbitrary(),
            (bytes, name) => WellBehaved(bytes ?? [], name)).Check(Runs(200));

    [Fact]
    public void A_zip_that_unpacks_beyond_the_limit_is_refused_before_it_is_unpacked()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml").Open().Dispose();
            using var body = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i <= OfficeZip.MaxUnpackedBytes / zeros.Length; i++) body.Write(zeros);
        }
        Assert.True(stream.Length < OfficeZip.MaxFileBytes, "the bomb itself is small");
        var e = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(stream.ToArray(), "bomb.docx"));
        Assert.Contains("解压后超过", e.Message);
    }

    [Fact]
    public void Entity_expansion_in_a_word_body_is_refused()
    {
        var lol = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol4;</w:t></w:r></w:p></w:body></w:document>
            """;
        var e = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(WithPart(Word, "word/document.xml", lol), "lol.docx"));
        Assert.Contains("损坏", e.Message);
    }

    [Fact]
    public void A_zip_that_is_not_the_named_kind_says_so()
    {
        var e = Assert.Throws<DocumentReadException>(() => DocumentReader.Read(Excel, "目标表.docx"));
        Assert.Contains("不是 Word 文档", e.Message);
    }

    private static void WellBehaved(byte[] bytes, string name)
    {
        var read = Task.Run(() =>
        {
            try
            {
                DocumentReader.Read(bytes, name);
            }
            catch (DocumentReadException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                Assert.True(e.Message.Any(c => c >= 0x4E00), $"not Chinese: {e.Message}");
            }
        });
        Assert.True(read.Wait(HangGuard), $"reading {name} ({bytes.Length} bytes) did not end");
    }

    private static Gen<(byte[] Bytes, string Name)> Damaged() =>
        from source in Gen.Elements((Word, "seed.docx"), (Excel, "seed.xlsx"))
        from cut in Gen.Choose(0, source.Item1.Length)
        from flips in Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, source.Item1.Length - 1), n))
        from flipToo in Gen.Elements(true, false)
        select (Mangle(source.Item1, cut, flipToo ? flips : []), source.Item2);

    private static byte[] Mangle(byte[] bytes, int cut, int[] flips)
    {
        var copy = (byte[])bytes.Clone();
        foreach (var at in flips) copy[at] ^= 0x5A;
        return flips.Length > 0 ? copy : copy[..cut];
    }

    private static byte[] Workbook()
    {
        using var stream = new MemoryStream();
        XlsxRenderer.Render(Parsing.TargetDocumentParser.Parse(Seed.Text).Document, stream);
        return stream.ToArray();
    }

    private static byte[] WithPart(byte[] package, string part, string xml)
    {
        using var stream = new MemoryStream();
        stream.Write(package);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(part)!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(part).Open(), new UTF8Encoding(false));
            writer.Write(xml);
        }
        return stream.ToArray();
    }
}
