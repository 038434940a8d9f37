using PerfPlatform.Web.Gateway;
using Xunit;

namespace PerfPlatform.Web.Tests;

/// <summary>Several refusals read as Chinese sentences: no 「。；」 where a sentence already ended.</summary>
public sealed class ApiErrorTextTests
{
    [Theory]
    [InlineData(new[] { "累计计划不能下降。", "「12月底」应为 100%。" }, "累计计划不能下降。「12月底」应为 100%。")]
    [InlineData(new[] { "名称不能为空", "编码格式不正确。" }, "名称不能为空；编码格式不正确。")]
    [InlineData(new[] { "", "只有一条。", "" }, "只有一条。")]
    [InlineData(new string[0], "")]
    public void Refusals_read_one_after_another(string[] parts, string text) => Assert.Equal(text, ApiError.Sentences(parts));
}
