using System.Globalization;
using PerfPlatform.Contracts;
using PerfPlatform.Protos.Common.V1;

namespace PerfPlatform.ServiceDefaults.Errors;

/// <summary>A list's page as its caller asked for it: how many rows, and the token the previous page gave (empty: the first).</summary>
public readonly record struct PageAsked(int Size, string Token)
{
    /// <summary>A token that is a row offset; 0 on the first page.</summary>
    public int Offset => Token.Length == 0 ? 0 : int.Parse(Token, CultureInfo.InvariantCulture);

    /// <summary>A token that is the last row's id; 0 on the first page.</summary>
    public long RowId => Token.Length == 0 ? 0 : long.Parse(Token, CultureInfo.InvariantCulture);

    /// <summary>The answer's page for a list paged by offset: its count, and the next offset while rows remain.</summary>
    public PageResponse OffsetAnswer(int total) => new()
    {
        TotalSize = total, NextPageToken = (long)Offset + Size < total ? (Offset + Size).ToString(CultureInfo.InvariantCulture) : "",
    };
}

/// <summary>What each list's page token may be, for <see cref="Violations.Page"/>.</summary>
public static class PageTokens
{
    public static bool IsOffset(string token) => int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    public static bool IsRowId(string token) =>
        long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0;
}

/// <summary>
/// A page token for a list of projects paged by keyset: the sort value and the code of the previous page's last project,
/// "1500:13063621…". The next page starts after that row, so a project that changes meanwhile moves and the others keep
/// their places; an offset shifts them all (a queue worked through page by page skipped a page of what still waited).
/// </summary>
public readonly record struct ProjectCursor(long Value, string ProjectCode)
{
    public override string ToString() => $"{Value.ToString(CultureInfo.InvariantCulture)}:{ProjectCode}";

    /// <summary>False for a malformed token (Violations.Page asks only about a token that is not empty).</summary>
    public static bool TryParse(string token, out ProjectCursor? cursor)
    {
        cursor = null;
        var colon = token.IndexOf(':');
        if (colon <= 0 || !long.TryParse(token.AsSpan(0, colon), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || !Codes.IsProject(token[(colon + 1)..]))
            return false;
        cursor = new ProjectCursor(value, token[(colon + 1)..]);
        return true;
    }
}
