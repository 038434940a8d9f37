using Microsoft.Extensions.Options;

namespace PerfPlatform.ServiceDefaults.Hosting;

/// <summary>
/// Checks a configuration section when the host starts (<see cref="ValidatedOptions"/>): a validator names what is wrong,
/// each problem with its key; none is a pass, any stops the service with all of them.
/// </summary>
public abstract class SectionValidator<TOptions> : IValidateOptions<TOptions> where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    protected abstract IEnumerable<string> Problems(TOptions options);
}
