using PerfPlatform.Documents.Checks;
using PerfPlatform.Documents.Parsing;
using PerfPlatform.Documents.Rendering;
using Xunit;

namespace PerfPlatform.Documents.Tests;

/// <summary>Random and mutated documents (seeded, so a failure repeats): no exception, no hang, and a rendering that reads back.</summary>
public sealed class FuzzTests
{
    // A hang detector, not a speed limit: a parse runs in milliseconds, and only one that never ends reaches this.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);
    private const string Alphabet = "\t\n\r 0123456789.%万元人第二部分一级指标项目编码绩效目标表预算数其中：财政资金TC\\fl≥≤年月";

    [Fact]
    public void Mutations_of_the_seed()
    {
        var random = new Random(20211231);
        var lines = Seed.Text.Split('\n');
        for (var round = 0; round < 400; round++)
        {
            var mutated = lines.ToList();
            for (var m = 0; m < 1 + round % 5; m++)
            {
                var i = random.Next(mutated.Count);
                switch (random.Next(7))
                {
                    case 6: mutated[i] = "\t" + new string('9', 15 + random.Next(20)) + (random.Next(2) == 0 ? "%" : ".00"); break;
                    case 0: mutated.RemoveAt(i); break;
                    case 1: mutated.Insert(i, mutated[random.Next(mutated.Count)]); break;
                    case 2: mutated[i] = mutated[i].Replace("\t", ""); break;
                    case 3: mutated[i] = new string(Enumerable.Range(0, random.Next(40)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray()); break;
                    case 4: (mutated[i], mutated[^1]) = (mutated[^1], mutated[i]); break;
                    default: mutated = mutated.Take(i).ToList(); break;
                }
                if (mutated.Count == 0) mutated.Add("");
            }
            AssertWellBehaved(string.Join('\n', mutated));
        }
    }

    [Fact]
    public void Random_text()
    {
        var random = new Random(434001);
        for (var round = 0; round < 300; round++)
        {
            var length = random.Next(2000);
            AssertWellBehaved(new string(Enumerable.Range(0, length).Select(_ => random.Next(10) == 0
                ? (char)random.Next(0x20, 0xFFFF) : Alphabet[random.Next(Alphabet.Length)]).ToArray()));
        }
    }

    [Fact]
    public void A_megabyte_of_cells_reads_in_bounded_time()
    {
        var big = "第二部分\n1.大文档绩效目标表\n" + string.Concat(Enumerable.Repeat("\t一级指标\n\t产出指标\n\t数量指标\n\t名称\n\t描述\n\t≥1台\n\t依据\n\n", 20_000));
        AssertWellBehaved(big);
    }

    private static void AssertWellBehaved(string text)
    {
        var run = Task.Run(() =>
        {
            var parsed = TargetDocumentParser.Parse(text);
            // DOC-99 means the reader threw and caught it: every input must be read cell by cell instead.
            Assert.DoesNotContain(parsed.Findings, f => f.Code == "DOC-99");
            DocumentChecks.Run(parsed.Document, parsed.Lines);
            var again = TargetDocumentParser.Parse(TextRenderer.Render(parsed.Document));
            Assert.Equal(parsed.Document.Projects.Count, again.Document.Projects.Count);
        });
        Assert.True(run.Wait(HangGuard), $"parsing a document of {text.Length} characters did not end (hang)");
    }
}
