using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Parsing;
using PerfPlatform.Documents.Rendering;
using Xunit;

namespace PerfPlatform.Documents.Tests;

public sealed class RoundTripTests
{
    [Fact]
    public void Parse_render_parse_gives_the_same_model()
    {
        var first = TargetDocumentParser.Parse(Seed.Text).Document;
        var rendered = TextRenderer.Render(first);
        var second = TargetDocumentParser.Parse(rendered);
        Assert.Equal(first, second.Document);
        Assert.DoesNotContain(second.Findings, f => f.Severity != FindingSeverity.Info);
        Assert.Equal(rendered, TextRenderer.Render(second.Document));
    }

    [Fact]
    public void Every_cell_of_the_seed_appears_in_the_rendering_in_the_same_order()
    {
        var cells = Seed.Text.Split('\n').Where(l => l.StartsWith('\t')).Select(l => l[1..].Trim()).Where(c => c.Length > 0).ToList();
        var rendered = TextRenderer.Render(TargetDocumentParser.Parse(Seed.Text).Document);
        var position = 0;
        foreach (var cell in cells)
        {
            var found = rendered.IndexOf(cell, position, StringComparison.Ordinal);
            Assert.True(found >= 0, $"cell «{cell}» missing or out of order");
            position = found + cell.Length;
        }
        Assert.True(cells.Count > 37 * 6, "the seed's indicator cells alone are 222");
    }

    [Fact]
    public void Paragraphs_of_part_one_survive()
    {
        var document = TargetDocumentParser.Parse(Seed.Text).Document;
        var again = TargetDocumentParser.Parse(TextRenderer.Render(document)).Document;
        Assert.Equal(document.Department, again.Department);
        Assert.Equal(5, again.Department.ItemGoals.Count);
    }
}
