using System.Security.Cryptography;

namespace PerfPlatform.ProjectRegistry.Projects;

public static class ProjectCodeGenerator
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>division + two-digit year + 13 random upper-case letters or digits (36^13 ≈ 1.7·10^20 codes per year).</summary>
    public static string New(string divisionCode, int year) =>
        divisionCode + Codes.YearDigits(year) + RandomNumberGenerator.GetString(Alphabet, 13);
}
