using PerfPlatform.Documents.Checks;
using PerfPlatform.IndicatorCatalogue.Sets;
using Xunit;

namespace PerfPlatform.IndicatorCatalogue.Tests.Sets;

/// <summary>The document checks refuse what the catalogue would refuse on import: their copies of its limits must agree.</summary>
public sealed class DocumentLimitsTests
{
    [Fact]
    public void The_document_checks_use_the_catalogues_field_limits() =>
        Assert.Equal(
            (IndicatorFieldLimits.MaxLevel, IndicatorFieldLimits.MaxName, IndicatorFieldLimits.MaxDescription, IndicatorFieldLimits.MaxTarget, IndicatorFieldLimits.MaxBasis,
                CatalogueService.MaxIndicators),
            (ServiceLimits.MaxIndicatorLevel, ServiceLimits.MaxIndicatorName, ServiceLimits.MaxIndicatorDescription, ServiceLimits.MaxIndicatorTarget,
                ServiceLimits.MaxIndicatorBasis, ServiceLimits.MaxIndicators));
}
