using FsCheck;
using FsCheck.Fluent;
using PerfPlatform.Documents.Checks;
using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Parsing;
using PerfPlatform.Documents.Rendering;
using Xunit;

namespace PerfPlatform.Documents.Tests;

/// <summary>
/// Properties of the document parser over generated documents (FsCheck: each run draws new ones, and a failure prints
/// the seed to replay and the smallest document found): it never throws and never hangs, its findings point at lines of
/// the document, and a document it reads without errors renders to text that reads back to the same document.
/// PERF_RELIABILITY=full tries twenty times as many.
/// </summary>
public sealed class FuzzTests
{
    private static readonly int Scale = Environment.GetEnvironmentVariable("PERF_RELIABILITY") == "full" ? 20 : 1;

    // A hang detector, not a speed limit: a parse runs in milliseconds, and only one that never ends reaches this.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);
    private const string Alphabet = "\t\n\r 0123456789.%万元人第二部分一级指标项目编码绩效目标表预算数其中：财政资金TC\\fl≥≤年月";

    private static readonly string[] SeedLines = Seed.Text.Split('\n');

    private static Config Runs(int count) => Config.QuickThrowOnFailure.WithMaxTest(count * Scale);

    [Fact]
    public void Mutations_of_the_seed_are_read_without_an_exception_and_read_back_from_their_rendering() =>
        Prop.ForAll(Mutations().ToArbitrary(), text => WellBehaved(text)).Check(Runs(150));

    [Fact]
    public void Random_text_is_read_without_an_exception_and_read_back_from_its_rendering() =>
        Prop.ForAll(RandomText().ToArbitrary(), text => WellBehaved(text)).Check(Runs(300));

    [Fact]
    public void Any_string_at_all_is_read_without_an_exception() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text => WellBehaved(text ?? "")).Check(Runs(300));

    [Fact]
    public void A_megabyte_of_cells_is_read_like_any_other_document()
    {
        var big = "第二部分\n1.大文档绩效目标表\n" + string.Concat(Enumerable.Repeat("\t一级指标\n\t产出指标\n\t数量指标\n\t名称\n\t描述\n\t≥1台\n\t依据\n\n", 20_000));
        WellBehaved(big);
    }

    /// <summary>
    /// Found by the mutations above (the seed cut short, a line dropped), both tables without their project code cell:
    /// each is read without an error, the next label ("项目名称") taken as the code, and its rendering then reads back
    /// with errors (empty amounts) or as another document (the label taken as the name too). A table without its code
    /// must be an error, or read back as it was read.
    /// </summary>
    [Theory]
    [InlineData("\t金融服务中心办公经费")]
    [InlineData("\t2021年防贫保险救助资金\n\n\t预算规模及资金用途\n\t预算数\n\t1771650.00\n\t其中：财政资金\n\t1771650.00\n\t其他资金\n\t0")]
    public void A_table_without_its_project_code_is_an_error_or_reads_back(string rest)
    {
        var text = "第二部分\n2.政府大型公务活动项目经费绩效目标表\n\t434001顺平县人民政府办公室（本级）\n\n\t项目编码\n\t项目名称\n" + rest;
        WellBehaved(text);
        var parsed = TargetDocumentParser.Parse(text);
        Assert.Contains(parsed.Findings, f => f is { Code: "DOC-10", Severity: FindingSeverity.Error, Line: 5 });
        Assert.Equal(("", rest.Split('\n')[0].Trim()), (parsed.Document.Projects.Single().Code, parsed.Document.Projects.Single().Name));
    }

    /// <summary>
    /// Found by the mutations above (lines replaced by text holding a tab): a row begun without a tab, or a line continuing
    /// a cell, kept the tab inside the cell, and the rendering, which leads that cell with a tab, read back as two cells.
    /// A tab starts a cell wherever it is.
    /// </summary>
    [Theory]
    [InlineData("产出指标\t数量指标\n\t购买数量\n\t描述\n\t≥1辆\n\t依据\n", "描述")]
    [InlineData("\t产出指标\n\t数量指标\n\t购买数量\n\t描\n述\t≥1辆\n\t依据\n", "描\n述")]
    public void A_tab_inside_a_line_starts_a_cell_and_reads_back_from_its_rendering(string row, string description)
    {
        var text = "第二部分\n1.某项目绩效目标表\n\t434001某单位\n\n\t项目编码\n\t130636216T39PTY2WF094\n\t项目名称\n\t某项目\n\n" +
                   "\t预算规模及资金用途\n\t预算数\n\t1.00\n\t其中：财政资金\n\t1.00\n\t其他资金\n\t0\n\n" +
                   "\t一级指标\n\t二级指标\n\t三级指标\n\t绩效指标描述\n\t指标值\n\t指标值确定依据\n\n" + row;
        var parsed = TargetDocumentParser.Parse(text);
        Assert.False(parsed.HasErrors);
        var x = parsed.Document.Projects.Single().Indicators.Single();
        Assert.Equal(("产出指标", "数量指标", "购买数量", description, "≥1辆", "依据"), (x.Level1, x.Level2, x.Name, x.Description, x.Target, x.Basis));
        WellBehaved(text);
    }

    /// <summary>
    /// Found by the mutations above: a title spoilt in its text ("绩8效目标表") but not in its Word field code was taken
    /// as a table for the field code's "绩效目标表", then rendered without the field code, no title any more, and read
    /// back as part of the table before. A title is judged without its field code.
    /// </summary>
    [Fact]
    public void A_title_is_one_without_its_field_code()
    {
        var text = Seed.Text.Replace("5.政府大型公务活动项目经费绩效目标表 TC", "5.政府大型公务活动项目经费绩8效目标表 TC");
        var parsed = TargetDocumentParser.Parse(text);
        Assert.Equal(5, parsed.Document.Projects.Count);
        Assert.True(parsed.HasErrors);
        WellBehaved(text);
    }

    /// <summary>
    /// Found by the long-form mutations (a line inserted after the unit code): "434001" and, on the next line, a name
    /// beginning with a digit was read as unit 434001 named "0…", written back as "4340010…" and read back without a
    /// unit. A unit line's name begins with no digit, wherever it starts.
    /// </summary>
    [Theory]
    [InlineData("\t434001\n0某单位", "", "")]
    [InlineData("\t434001\n某单位", "434001", "某单位")]
    public void A_unit_line_reads_back_from_its_rendering(string unitLine, string code, string name)
    {
        var text = "第二部分\n1.某项目绩效目标表\n" + unitLine + "\n\t单位：元\n\n\t项目编码\n\t130636216T39PTY2WF094\n\t项目名称\n\t某项目\n\n" +
                   "\t预算规模及资金用途\n\t预算数\n\t1.00\n\t其中：财政资金\n\t1.00\n\t其他资金\n\t0\n";
        var parsed = TargetDocumentParser.Parse(text);
        var table = parsed.Document.Projects.Single();
        Assert.Equal((code, name), (table.UnitCode, table.UnitName));
        Assert.Equal(code.Length == 0, parsed.Findings.Any(f => f is { Code: "DOC-10", Severity: FindingSeverity.Error }));
        WellBehaved(text);
    }

    /// <summary>
    /// The seed document with a few of its lines removed, repeated, swapped, cut short, stripped of their tabs, replaced
    /// by random cells or by overlong numbers, or with characters inserted into them.
    /// </summary>
    private static Gen<string> Mutations() =>
        from count in Gen.Choose(1, 6)
        from edits in Gen.ArrayOf(Edit(), count)
        select string.Join('\n', edits.Aggregate(SeedLines.ToList(), (lines, edit) => edit(lines)));

    private static Gen<Func<List<string>, List<string>>> Edit() =>
        from kind in Gen.Choose(0, 7)
        from at in Gen.Choose(0, int.MaxValue)
        from other in Gen.Choose(0, int.MaxValue)
        from cell in Cell()
        select (Func<List<string>, List<string>>)(lines =>
        {
            var copy = lines.Count == 0 ? [""] : lines.ToList();
            var i = at % copy.Count;
            switch (kind)
            {
                case 0: copy.RemoveAt(i); break;
                case 1: copy.Insert(i, copy[other % copy.Count]); break;
                case 2: copy[i] = copy[i].Replace("\t", ""); break;
                case 3: copy[i] = cell; break;
                case 4: (copy[i], copy[other % copy.Count]) = (copy[other % copy.Count], copy[i]); break;
                case 5: copy = copy.Take(i).ToList(); break;
                case 6: copy[i] = "\t" + new string('9', 15 + other % 20) + (other % 2 == 0 ? "%" : ".00"); break;
                default: copy[i] = copy[i].Insert(other % (copy[i].Length + 1), cell); break;
            }
            return copy.Count == 0 ? [""] : copy;
        });

    private static Gen<string> Cell() =>
        from length in Gen.Choose(0, 40)
        from chars in Gen.ArrayOf(Gen.Elements(Alphabet.ToCharArray()), length)
        select new string(chars);

    /// <summary>Text from the form's own characters, with now and then any character of the basic plane.</summary>
    private static Gen<string> RandomText() =>
        from length in Gen.Choose(0, 2000)
        from chars in Gen.ArrayOf(Gen.Frequency((9, Gen.Elements(Alphabet.ToCharArray())), (1, Gen.Choose(0x20, 0xFFFF).Select(c => (char)c))), length)
        select new string(chars);

    /// <summary>
    /// The parser's promises for any text: no exception escapes and none is caught inside it (DOC-99); every finding
    /// points at a line of the text (0 for the whole document); the checks run; and a document read without errors
    /// renders to text that reads back to an equal document, which renders to the same text.
    /// </summary>
    private static bool WellBehaved(string text)
    {
        var run = Task.Run(() =>
        {
            var parsed = TargetDocumentParser.Parse(text);
            Assert.DoesNotContain(parsed.Findings, f => f.Code == "DOC-99");
            var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Length;
            Assert.All(parsed.Findings, f => Assert.InRange(f.Line, 0, lines));
            DocumentChecks.Run(parsed.Document, parsed.Lines);
            if (parsed.HasErrors) return;
            var rendered = TextRenderer.Render(parsed.Document);
            var again = TargetDocumentParser.Parse(rendered);
            Assert.DoesNotContain(again.Findings, f => f.Severity == FindingSeverity.Error);
            Assert.Equal(parsed.Document, again.Document);
            Assert.Equal(rendered, TextRenderer.Render(again.Document));
        });
        if (Task.WhenAny(run, Task.Delay(HangGuard)).GetAwaiter().GetResult() != run)
            throw new TimeoutException($"parsing a document of {text.Length} characters did not end within {HangGuard} (hang)");
        run.GetAwaiter().GetResult();
        return true;
    }
}
