namespace PerfPlatform.ServiceDefaults.Errors;

/// <summary>
/// Says what an infrastructure failure means in the domain's terms (a unique violation is "already exists", a lost
/// connection "unavailable"), so that <see cref="ErrorMappingInterceptor"/> stays the one place statuses are made without
/// knowing the database. Registered by the project that brings the infrastructure (ServiceData's DatabaseErrors).
/// </summary>
public interface IErrorTranslator
{
    /// <summary>The domain error <paramref name="e"/> amounts to, or null when this translator does not know it.</summary>
    DomainException? Translate(Exception e);
}
