using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using PerfPlatform.IndicatorCatalogue.Targets;
using Xunit;

namespace PerfPlatform.IndicatorCatalogue.Tests.Targets;

public sealed class TargetParserTests
{
    [Theory]
    [InlineData("≥1辆", Comparator.Ge, "1", "辆", UnitKind.Count, false)]
    [InlineData("47244人", Comparator.Eq, "47244", "人", UnitKind.Count, true)]
    [InlineData("≤10百分比", Comparator.Le, "10", Units.Percent, UnitKind.Percent, false)]
    [InlineData("100百分比", Comparator.Eq, "100", Units.Percent, UnitKind.Percent, true)]
    [InlineData("1000百分比", Comparator.Eq, "1000", Units.Percent, UnitKind.Percent, true)]
    [InlineData("≥90百分比", Comparator.Ge, "90", Units.Percent, UnitKind.Percent, false)]
    [InlineData("≥30台", Comparator.Ge, "30", "台", UnitKind.Count, false)]
    [InlineData("≥10年", Comparator.Ge, "10", "年", UnitKind.Time, false)]
    [InlineData("50人", Comparator.Eq, "50", "人", UnitKind.Count, true)]
    [InlineData("95人百分比", Comparator.Eq, "95", "人百分比", UnitKind.Mixed, true)]
    [InlineData("≥100百分比", Comparator.Ge, "100", Units.Percent, UnitKind.Percent, false)]
    [InlineData("＞５％", Comparator.Gt, "5", Units.Percent, UnitKind.Percent, false)]
    [InlineData(">=85%", Comparator.Ge, "85", Units.Percent, UnitKind.Percent, false)]
    [InlineData("不低于95%", Comparator.Ge, "95", Units.Percent, UnitKind.Percent, false)]
    [InlineData("不少于30人次", Comparator.Ge, "30", "人次", UnitKind.Count, false)]
    [InlineData("不超过231.25元", Comparator.Le, "231.25", "元", UnitKind.Money, false)]
    [InlineData("≤231.25元", Comparator.Le, "231.25", "元", UnitKind.Money, false)]
    [InlineData("≤37.5元/人", Comparator.Le, "37.5", "元/人", UnitKind.Money, false)]
    [InlineData("达到100%", Comparator.Ge, "100", Units.Percent, UnitKind.Percent, false)]
    [InlineData("3000人以上", Comparator.Ge, "3000", "人", UnitKind.Count, false)]
    [InlineData("5天以内", Comparator.Le, "5", "天", UnitKind.Time, false)]
    [InlineData("１２３人", Comparator.Eq, "123", "人", UnitKind.Count, true)]
    [InlineData("1,771,650元", Comparator.Eq, "1771650", "元", UnitKind.Money, true)]
    [InlineData("≥5", Comparator.Ge, "5", "", UnitKind.None, false)]
    [InlineData("=12个月", Comparator.Eq, "12", "个月", UnitKind.Time, false)]
    [InlineData("≥3 个", Comparator.Ge, "3", "个", UnitKind.Count, false)]
    [InlineData("≥20万元", Comparator.Ge, "20", "万元", UnitKind.Money, false)]
    [InlineData("≥2根", Comparator.Ge, "2", "根", UnitKind.Unknown, false)]
    [InlineData("≥5人元", Comparator.Ge, "5", "人元", UnitKind.Mixed, false)]
    [InlineData("≥30台%", Comparator.Ge, "30", "台%", UnitKind.Mixed, false)]
    [InlineData("100%完成", Comparator.Eq, "100", Units.Percent, UnitKind.Percent, true)]
    [InlineData("95%左右", Comparator.Eq, "95", Units.Percent, UnitKind.Percent, true)]
    [InlineData("≥90%（含）", Comparator.Ge, "90", Units.Percent, UnitKind.Percent, false)]
    [InlineData("≥90%。", Comparator.Ge, "90", Units.Percent, UnitKind.Percent, false)]
    [InlineData("90%（含）以上", Comparator.Ge, "90", Units.Percent, UnitKind.Percent, false)]
    [InlineData("90%以上（含）", Comparator.Ge, "90", Units.Percent, UnitKind.Percent, false)]
    [InlineData("68.9%以上以上", Comparator.Ge, "68.9", Units.Percent, UnitKind.Percent, false)]
    [InlineData("≥90百分比，", Comparator.Ge, "90", Units.Percent, UnitKind.Percent, false)]
    [InlineData("90%覆盖", Comparator.Eq, "90", "%覆盖", UnitKind.Unknown, true)]
    [InlineData("≥5百分点", Comparator.Ge, "5", "百分点", UnitKind.Points, false)]
    [InlineData("2个百分点", Comparator.Eq, "2", "个百分点", UnitKind.Points, true)]
    [InlineData("20万", Comparator.Eq, "20", "万", UnitKind.Count, true)]
    [InlineData("≥1.5万人次", Comparator.Ge, "1.5", "万人次", UnitKind.Count, false)]
    // The comparator words of docs/domain.md (以上/以下/以内 include the number, 超过/不满 exclude it) and their relatives.
    [InlineData("不高于5%", Comparator.Le, "5", Units.Percent, UnitKind.Percent, false)]
    [InlineData("超过90%", Comparator.Gt, "90", Units.Percent, UnitKind.Percent, false)]
    [InlineData("不满18人", Comparator.Lt, "18", "人", UnitKind.Count, false)]
    [InlineData("5人以下", Comparator.Le, "5", "人", UnitKind.Count, false)]
    [InlineData("30天以内", Comparator.Le, "30", "天", UnitKind.Time, false)]
    [InlineData("90%以上", Comparator.Ge, "90", Units.Percent, UnitKind.Percent, false)]
    [InlineData("100%以上", Comparator.Ge, "100", Units.Percent, UnitKind.Percent, false)]
    [InlineData("大于等于90%", Comparator.Ge, "90", Units.Percent, UnitKind.Percent, false)]
    [InlineData("不小于90%", Comparator.Ge, "90", Units.Percent, UnitKind.Percent, false)]
    [InlineData("小于等于5%", Comparator.Le, "5", Units.Percent, UnitKind.Percent, false)]
    [InlineData("不大于5%", Comparator.Le, "5", Units.Percent, UnitKind.Percent, false)]
    [InlineData("少于3次", Comparator.Lt, "3", "次", UnitKind.Count, false)]
    [InlineData("多于3次", Comparator.Gt, "3", "次", UnitKind.Count, false)]
    [InlineData("不多于3次", Comparator.Le, "3", "次", UnitKind.Count, false)]
    [InlineData("约95%", Comparator.Eq, "95", Units.Percent, UnitKind.Percent, true)]
    [InlineData("大约30人", Comparator.Eq, "30", "人", UnitKind.Count, true)]
    [InlineData("≥约90%", Comparator.Ge, "90", Units.Percent, UnitKind.Percent, false)]
    // Full-width and other spellings of the signs.
    [InlineData("＝100%", Comparator.Eq, "100", Units.Percent, UnitKind.Percent, false)]
    [InlineData("＜5%", Comparator.Lt, "5", Units.Percent, UnitKind.Percent, false)]
    [InlineData("≦10%", Comparator.Le, "10", Units.Percent, UnitKind.Percent, false)]
    [InlineData("⩾90%", Comparator.Ge, "90", Units.Percent, UnitKind.Percent, false)]
    [InlineData("⩽10%", Comparator.Le, "10", Units.Percent, UnitKind.Percent, false)]
    [InlineData("<=10%", Comparator.Le, "10", Units.Percent, UnitKind.Percent, false)]
    // Spaces of every kind: no-break (from Word), thin, ideographic, zero-width.
    [InlineData("≥\u00A090%", Comparator.Ge, "90", Units.Percent, UnitKind.Percent, false)]
    [InlineData("≥ 90\u00A0%", Comparator.Ge, "90", Units.Percent, UnitKind.Percent, false)]
    [InlineData("≥\u200990\u3000百分比", Comparator.Ge, "90", Units.Percent, UnitKind.Percent, false)]
    [InlineData("≥9\u200B0%", Comparator.Ge, "90", Units.Percent, UnitKind.Percent, false)]
    // A negative value is a number (a decrease), not text.
    [InlineData("-5%", Comparator.Eq, "-5", Units.Percent, UnitKind.Percent, true)]
    [InlineData("−5%", Comparator.Eq, "-5", Units.Percent, UnitKind.Percent, true)]
    [InlineData("≥-2.5%", Comparator.Ge, "-2.5", Units.Percent, UnitKind.Percent, false)]
    public void Numbers_with_comparators_and_units(string text, Comparator comparator, string value, string unit, UnitKind kind, bool implicitComparator)
    {
        var p = TargetParser.Parse(text, 2021);
        Assert.Equal(TargetKind.Numeric, p.Kind);
        Assert.Equal(comparator, p.Comparator);
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), p.Value);
        Assert.Equal(unit, p.Unit);
        Assert.Equal(kind, p.UnitKind);
        Assert.Equal(implicitComparator, p.ComparatorImplicit);
        Assert.Equal(text, p.Text);
    }

    [Theory]
    [InlineData("800-1000人次", "800", "1000", "人次")]
    [InlineData("800～1000人次", "800", "1000", "人次")]
    [InlineData("80%至90%", "80", "90", Units.Percent)]
    [InlineData("3-5天", "3", "5", "天")]
    public void Ranges(string text, string low, string high, string unit)
    {
        var p = TargetParser.Parse(text, 2021);
        Assert.Equal(TargetKind.Range, p.Kind);
        Assert.Equal((decimal.Parse(low), decimal.Parse(high), unit), (p.Value!.Value, p.UpperValue!.Value, p.Unit));
    }

    [Theory]
    [InlineData("2021年第二季度完成", "2021-06-30")]
    [InlineData("2021年第4季度完成", "2021-12-31")]
    [InlineData("12月", "2021-12-31")]
    [InlineData("6月底前完成", "2021-06-30")]
    [InlineData("2022年8月底前完成", "2022-08-31")]
    [InlineData("2021年12月31日前", "2021-12-31")]
    [InlineData("2024年2月完成", "2024-02-29")]
    [InlineData("年底前完成", "2021-12-31")]
    [InlineData("年内完成", "2021-12-31")]
    [InlineData("2021年底前完成", "2021-12-31")]
    [InlineData("2021年内完成", "2021-12-31")]
    [InlineData("2021年完成", "2021-12-31")]
    [InlineData("2022年度内完成", "2022-12-31")]
    [InlineData("2021年末", "2021-12-31")]
    [InlineData("2021年上半年", "2021-06-30")]
    [InlineData("2021年上半年完成", "2021-06-30")]
    [InlineData("2022年下半年前完成", "2022-12-31")]
    [InlineData("上半年完成", "2021-06-30")]
    [InlineData("第二季度完成", "2021-06-30")]
    [InlineData("三季度末前完成", "2021-09-30")]
    [InlineData("2021年12月31日之前完成", "2021-12-31")]
    [InlineData("2021 年 底前完成", "2021-12-31")]
    public void Deadlines(string text, string date)
    {
        var p = TargetParser.Parse(text, 2021);
        Assert.Equal(TargetKind.Deadline, p.Kind);
        Assert.Equal(DateOnly.Parse(date), p.Deadline);
    }

    [Theory]
    [InlineData("较好")]
    [InlineData("显著提升")]
    [InlineData("保障机关下乡、开会等工作正常开展")]
    [InlineData("优化网络环境，保障各项工作正常运转")]
    [InlineData("≥≥5")]
    [InlineData("5-")]
    [InlineData("-")]
    [InlineData("≥")]
    [InlineData("2021年13月完成")]
    [InlineData("2021年2月30日前")]
    [InlineData("100-50人")]
    [InlineData("1.2.3%")]
    [InlineData("🚗≥1辆")]
    [InlineData("九十五分以上")]
    [InlineData("٣月")] // digits of other scripts match \d but not int.Parse: they are text here, not a crash
    [InlineData("٢٠٢١年第二季度完成")]
    [InlineData("≥٩٥%")]
    [InlineData("٨٠٠-١٠٠٠人次")]
    [InlineData("১২月底前")]
    [InlineData("3个月内完成")] // not the number 3 with the unit "个月内完成"
    [InlineData("10天前")]
    [InlineData("5台完成")] // 完成 is taken as a qualifier only after a percent
    [InlineData("1000年底前完成")]
    public void Everything_else_is_qualitative(string text) => Assert.Equal(TargetKind.Qualitative, TargetParser.Parse(text, 2021).Kind);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_is_empty(string? text) => Assert.Equal(TargetKind.Empty, TargetParser.Parse(text, 2021).Kind);

    /// <summary>Each of the seed's 37 targets, in document order: the oracle for the counts below.</summary>
    private static readonly (string Name, string Target, TargetKind Kind, Comparator? Comparator, decimal? Value, string Unit, UnitKind UnitKind, string? Deadline)[] SeedTargets =
    [
        ("网络故障率", "≤10百分比", TargetKind.Numeric, Comparator.Le, 10, Units.Percent, UnitKind.Percent, null),
        ("确保项目完成率100%", "优化网络环境，保障各项工作正常运转", TargetKind.Qualitative, null, null, "", UnitKind.None, null),
        ("工作按时完成率", "100百分比", TargetKind.Numeric, Comparator.Eq, 100, Units.Percent, UnitKind.Percent, null),
        ("确保网络良好运行", "确保政府大院各单位网络良好运行", TargetKind.Qualitative, null, null, "", UnitKind.None, null),
        ("长期使用性", "长期较好满足工作需求", TargetKind.Qualitative, null, null, "", UnitKind.None, null),
        ("满意度投诉率", "≤10百分比", TargetKind.Numeric, Comparator.Le, 10, Units.Percent, UnitKind.Percent, null),
        ("资金按时下达率", "100百分比", TargetKind.Numeric, Comparator.Eq, 100, Units.Percent, UnitKind.Percent, null),
        ("正常运转率", "≥90百分比", TargetKind.Numeric, Comparator.Ge, 90, Units.Percent, UnitKind.Percent, null),
        ("资金拨付及时率", "100百分比", TargetKind.Numeric, Comparator.Eq, 100, Units.Percent, UnitKind.Percent, null),
        ("维护完成率", "≥90百分比", TargetKind.Numeric, Comparator.Ge, 90, Units.Percent, UnitKind.Percent, null),
        ("运行能力", "≥90百分比", TargetKind.Numeric, Comparator.Ge, 90, Units.Percent, UnitKind.Percent, null),
        ("群众满意度", "≥90百分比", TargetKind.Numeric, Comparator.Ge, 90, Units.Percent, UnitKind.Percent, null),
        ("购买数量", "≥1辆", TargetKind.Numeric, Comparator.Ge, 1, "辆", UnitKind.Count, null),
        ("资金到位率", "100百分比", TargetKind.Numeric, Comparator.Eq, 100, Units.Percent, UnitKind.Percent, null),
        ("实施进度", "2021年第二季度完成", TargetKind.Deadline, null, null, "", UnitKind.Time, "2021-06-30"),
        ("业务保障能力", "保障机关下乡、开会等工作正常开展", TargetKind.Qualitative, null, null, "", UnitKind.None, null),
        ("购置设备可持续使用年限", "≥10年", TargetKind.Numeric, Comparator.Ge, 10, "年", UnitKind.Time, null),
        ("使用人员满意度（%）", "≥90百分比", TargetKind.Numeric, Comparator.Ge, 90, Units.Percent, UnitKind.Percent, null),
        ("资金支出进度", "100百分比", TargetKind.Numeric, Comparator.Eq, 100, Units.Percent, UnitKind.Percent, null),
        ("供电可靠率", "≥90百分比", TargetKind.Numeric, Comparator.Ge, 90, Units.Percent, UnitKind.Percent, null),
        ("年度项目完成情况", "100百分比", TargetKind.Numeric, Comparator.Eq, 100, Units.Percent, UnitKind.Percent, null),
        ("业务保障能力", "保障各项工作正常运转", TargetKind.Qualitative, null, null, "", UnitKind.None, null),
        ("长期使用性", "保障单位下乡工作需求", TargetKind.Qualitative, null, null, "", UnitKind.None, null),
        ("单位职工满意率", "100百分比", TargetKind.Numeric, Comparator.Eq, 100, Units.Percent, UnitKind.Percent, null),
        ("政府采购完成情况", "≥30台", TargetKind.Numeric, Comparator.Ge, 30, "台", UnitKind.Count, null),
        ("验收合格率", "≥90百分比", TargetKind.Numeric, Comparator.Ge, 90, Units.Percent, UnitKind.Percent, null),
        ("资金支付及时率", "1000百分比", TargetKind.Numeric, Comparator.Eq, 1000, Units.Percent, UnitKind.Percent, null),
        ("维护完成率", "≥90百分比", TargetKind.Numeric, Comparator.Ge, 90, Units.Percent, UnitKind.Percent, null),
        ("运行能力", "≥90百分比", TargetKind.Numeric, Comparator.Ge, 90, Units.Percent, UnitKind.Percent, null),
        ("群众满意度", "≥90百分比", TargetKind.Numeric, Comparator.Ge, 90, Units.Percent, UnitKind.Percent, null),
        ("覆盖人口数量", "47244人", TargetKind.Numeric, Comparator.Eq, 47244, "人", UnitKind.Count, null),
        ("任务完成情况", "100百分比", TargetKind.Numeric, Comparator.Eq, 100, Units.Percent, UnitKind.Percent, null),
        ("项目完成时间", "12月", TargetKind.Deadline, null, null, "", UnitKind.Time, "2021-12-31"),
        ("资金成本", "50人", TargetKind.Numeric, Comparator.Eq, 50, "人", UnitKind.Count, null),
        ("提高贫困人口生活水平率", "95人百分比", TargetKind.Numeric, Comparator.Eq, 95, "人百分比", UnitKind.Mixed, null),
        ("完善政策机制", "完善防贫保险救助相关政策机制", TargetKind.Qualitative, null, null, "", UnitKind.None, null),
        ("投保群众满意度", "≥100百分比", TargetKind.Numeric, Comparator.Ge, 100, Units.Percent, UnitKind.Percent, null),
    ];

    [Fact]
    public void Each_target_of_the_seed_parses_to_its_kind_comparator_value_and_unit()
    {
        var indicators = SeedIndicators.Document.Projects.SelectMany(p => p.Indicators).ToList();
        Assert.Equal(SeedTargets.Select(x => (x.Name, x.Target)), indicators.Select(i => (i.Name, i.Target)));
        Assert.All(SeedTargets, x =>
        {
            var p = TargetParser.Parse(x.Target, 2021);
            Assert.Equal((x.Target, x.Kind, x.Comparator, x.Value, x.Unit, x.UnitKind, x.Deadline),
                (p.Text, p.Kind, p.Comparator, p.Value, p.Unit, p.UnitKind, p.Deadline?.ToString("yyyy-MM-dd")));
        });
    }

    [Fact]
    public void Every_target_of_the_seed_parses_as_the_rule_catalogue_counts_them()
    {
        var targets = SeedIndicators.Document.Projects.SelectMany(p => p.Indicators).Select(i => TargetParser.Parse(i.Target, 2021)).ToList();
        Assert.Equal(37, targets.Count);
        Assert.Equal(28, targets.Count(t => t.Kind == TargetKind.Numeric));
        Assert.Equal(2, targets.Count(t => t.Kind == TargetKind.Deadline));
        Assert.Equal(7, targets.Count(t => t.Kind == TargetKind.Qualitative));
        Assert.All(targets, t => Assert.False(string.IsNullOrEmpty(t.Text)));
    }

    [Fact]
    public void Huge_inputs_are_text()
    {
        Assert.Equal(TargetKind.Qualitative, Parse(new string('9', 10_000)).Kind);
        Assert.Equal(TargetKind.Qualitative, Parse(string.Concat(Enumerable.Repeat("≥1辆", 5000))).Kind);
    }

    /// <summary>
    /// Any text at all, and text made of the parts of a target (comparator words, numbers, units, qualifiers, dates),
    /// drawn anew on each run by FsCheck, which prints the seed and the smallest failing text: the parser never throws or
    /// hangs, keeps the text verbatim, and answers one of the known kinds. PERF_RELIABILITY=full tries twenty times as many.
    /// </summary>
    [Fact]
    public void Any_text_parses_to_a_known_kind_and_keeps_its_text() =>
        Prop.ForAll(Targets().ToArbitrary(), text =>
        {
            var p = Parse(text);
            Assert.Equal(text ?? "", p.Text);
            Assert.True(Enum.IsDefined(p.Kind) && Enum.IsDefined(p.UnitKind) && (p.Comparator is null || Enum.IsDefined(p.Comparator.Value)), $"{p}");
            return true;
        }).Check(Runs(4000));

    /// <summary>A number read with its comparator and unit, written back as "≥90%" is, reads again as the same number.</summary>
    [Fact]
    public void A_number_written_back_with_its_comparator_and_unit_reads_the_same() =>
        Prop.ForAll(Gen.Frequency((4, Measures()), (1, Targets())).ToArbitrary(), text =>
        {
            var p = Parse(text);
            if (p.Kind != TargetKind.Numeric) return true;
            var written = Symbols[p.Comparator!.Value] + p.Value!.Value.ToString(CultureInfo.InvariantCulture) + p.RawUnit;
            var again = Parse(written);
            Assert.True((again.Kind, again.Comparator, again.Value, again.Unit) == (TargetKind.Numeric, p.Comparator, p.Value, p.Unit),
                $"«{text}» read as {p.Comparator} {p.Value} {p.Unit}; written back as «{written}» it reads as {again.Kind} {again.Comparator} {again.Value} {again.Unit}");
            return true;
        }).Check(Runs(4000));

    private static readonly Dictionary<Comparator, string> Symbols = new()
    {
        [Comparator.Eq] = "=", [Comparator.Ge] = "≥", [Comparator.Le] = "≤", [Comparator.Gt] = ">", [Comparator.Lt] = "<",
    };

    private static readonly int Scale = Environment.GetEnvironmentVariable("PERF_RELIABILITY") == "full" ? 20 : 1;

    private static Config Runs(int count) => Config.QuickThrowOnFailure.WithMaxTest(count * Scale);

    // A hang detector, not a speed limit: a parse takes microseconds, and only one that never ends reaches this.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private static ParsedTarget Parse(string? text)
    {
        var run = Task.Run(() => TargetParser.Parse(text, 2021));
        if (Task.WhenAny(run, Task.Delay(HangGuard)).GetAwaiter().GetResult() != run)
            throw new TimeoutException($"parsing «{text}» did not end within {HangGuard} (hang)");
        return run.GetAwaiter().GetResult();
    }

    private static readonly string[] Words =
    [
        "≥", "≤", ">", "<", "=", ">=", "<=", "＞", "＜", "＝", "≧", "≦", "⩾", "⩽", "不低于", "不少于", "不小于", "至少", "大于等于", "达到", "不高于",
        "不超过", "不大于", "至多", "控制在", "小于等于", "不多于", "超过", "大于", "高于", "多于", "小于", "低于", "不满", "少于", "约为", "大约", "约",
        "以上", "及以上", "以下", "及以下", "以内", "（含）", "(含)", "左右", "完成", "。", "，", ",", "-", "−", "－", "~", "～", "至", "到", ".", "．",
        "%", "％", "百分比", "百分点", "个百分点", "人", "人次", "辆", "台", "元", "万元", "万", "亿", "千", "百", "元/人", "／", "个", "个月", "年", "月",
        "日", "号", "天", "季度", "第", "一", "二", "三", "四", "上", "下", "半年", "底", "末", "前", "内", "之前", "度", "年底", "年内", "本年度",
        " ", "\u00A0", "\u3000", "\u200B", "\uFEFF", "٣", "১", "０", "９", "🚗",
    ];

    private static readonly string[] Before = ["", "≥", "≤", ">", "<", "=", ">=", "＞", "≧", "不低于", "不超过", "达到", "超过", "不满", "约", "大约", "≥约", "至少"];
    private static readonly string[] UnitWords =
        ["", "%", "％", "百分比", "百分点", "个百分点", "人", "人次", "万人次", "辆", "台", "元", "万元", "元/人", "万", "个", "个月", "年", "天", "分", "根", "人元", "台%", "%覆盖"];
    private static readonly string[] After = ["", "以上", "及以上", "以下", "以内", "（含）", "左右", "。", "，", "完成", "（含）以上", " "];

    /// <summary>Targets shaped as measures are: a comparator word, a number, a unit, a qualifier, each perhaps left out.</summary>
    private static Gen<string?> Measures() =>
        from before in Gen.Elements(Before)
        from number in Number()
        from unit in Gen.Elements(UnitWords)
        from after in Gen.Elements(After)
        select (string?)(before + number + unit + after);

    /// <summary>Ranges ("800-1000人次") and deadlines ("2021年第二季度完成", "6月底前"), well-formed or not.</summary>
    private static Gen<string?> RangesAndDeadlines() => Gen.OneOf(
        from low in Number()
        from separator in Gen.Elements("-", "~", "～", "至", "到", "—")
        from high in Number()
        from unit in Gen.Elements(UnitWords)
        select (string?)(low + unit + separator + high + unit),
        from year in Gen.OneOf(Gen.Constant(""), Gen.Choose(1890, 2210).Select(y => y + "年"))
        from part in Gen.Elements("第一季度", "第4季度", "三季度末", "上半年", "下半年", "12月", "2月30日", "13月", "6月底", "年底", "年内", "度内", "")
        from end in Gen.Elements("", "前", "之前", "完成", "内完成", "前完成")
        select (string?)(year + part + end));

    private static Gen<string?> Targets() => Gen.Frequency(
        (3, Measures()),
        (2, RangesAndDeadlines()),
        (6, Gen.ArrayOf(Gen.OneOf(Gen.Elements(Words), Number())).Select(parts => (string?)string.Concat(parts))),
        (3, ArbMap.Default.GeneratorFor<string>().Select(s => (string?)s)),
        (1, Gen.Constant<string?>(null)));

    private static Gen<string> Number() =>
        from whole in Gen.OneOf(Gen.Choose(0, 100), Gen.Choose(0, int.MaxValue), Gen.Choose(1900, 2200))
        from digits in Gen.Choose(0, 8)
        from fraction in Gen.Choose(0, 999_999)
        from grouped in Gen.Elements(false, false, true)
        select (grouped ? whole.ToString("N0", CultureInfo.InvariantCulture) : whole.ToString(CultureInfo.InvariantCulture))
               + (digits == 0 ? "" : "." + fraction.ToString(CultureInfo.InvariantCulture)[..Math.Min(digits, fraction.ToString(CultureInfo.InvariantCulture).Length)]);
}
