using Grpc.Core;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.IndicatorCatalogue.Tests.Service;

/// <summary>
/// The registry and the catalogue each answer what they can while the other is stopped: each keeps, from the other's
/// events, what it needs to decide, and calls the other for nothing. A class fixture is this class's own stack, so
/// stopping a service here stops nobody else's.
/// </summary>
public sealed class OutageTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    private static PutIndicatorSetRequest Put(Project project, IEnumerable<Indicator> indicators) =>
        new() { ProjectCode = project.Code, Indicators = { indicators } };

    [Fact]
    public async Task With_the_registry_stopped_the_catalogue_reads_and_takes_indicators_of_the_projects_it_knows()
    {
        var project = await fixture.NewProjectAsync();
        var other = await fixture.NewProjectAsync(CatalogueFixture.OtherUnit);
        await fixture.Catalogue.PutIndicatorSetAsync(Put(project, IndicatorSetTests.SoundSet()));
        var own = fixture.CatalogueFor(fixture.Stack.DepartmentToken(CatalogueFixture.Division, CatalogueFixture.Unit));

        await fixture.Stack[PlatformStack.Registry].StopAsync();
        try
        {
            var read = await own.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = project.Code });
            Assert.Equal(IndicatorSetTests.SoundSet(), read.Indicators.Select(i => i.Indicator));
            var replaced = await own.PutIndicatorSetAsync(Put(project, IndicatorSetTests.SoundSet().Take(3)));
            Assert.Equal((2L, 3), (replaced.Version, replaced.Indicators.Count));
            var recorded = await own.RecordActualsAsync(new RecordActualsRequest
            {
                ProjectCode = project.Code, Period = "mid_year",
                Values = { new RecordActualsRequest.Types.ActualEntry { IndicatorIndex = 0, Value = "30120人" } },
            });
            Assert.Equal("30120人", recorded.Indicators[0].Actuals.Single().Value);

            // What the registry would refuse is refused here too, from the catalogue's own copy.
            var otherUnits = await Assert.ThrowsAsync<RpcException>(() => own.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = other.Code }).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, otherUnits.StatusCode);
            var unknown = await Assert.ThrowsAsync<RpcException>(() => fixture.Catalogue.PutIndicatorSetAsync(new PutIndicatorSetRequest
            {
                ProjectCode = "13063621ZZZZZZZZZZZZZ", Indicators = { IndicatorSetTests.SoundSet() },
            }).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        }
        finally
        {
            await fixture.Stack[PlatformStack.Registry].StartAsync();
        }
    }

    [Fact]
    public async Task With_the_catalogue_stopped_the_registry_decides_submissions_from_what_the_catalogue_told_it()
    {
        var sound = await fixture.NewProjectAsync();
        var soundSet = await fixture.Catalogue.PutIndicatorSetAsync(Put(sound, IndicatorSetTests.SoundSet()));
        var flawed = await fixture.NewProjectAsync();
        var flawedSet = await fixture.Catalogue.PutIndicatorSetAsync(Put(flawed, IndicatorSetTests.SoundSet()
            .Append(new Indicator { Level1 = "效益指标", Level2 = "社会效益指标", Name = "提高贫困人口生活水平率", Description = "提高率", Target = "95人百分比", Basis = "文件" })));
        await fixture.Stack.RegistryKnowsIndicatorSetAsync(sound.Code, soundSet.Version);
        await fixture.Stack.RegistryKnowsIndicatorSetAsync(flawed.Code, flawedSet.Version);
        var empty = await fixture.NewProjectAsync();

        await fixture.Stack[PlatformStack.Indicators].StopAsync();
        Project submitted;
        try
        {
            Assert.Equal(sound.Name, (await fixture.Registry.GetProjectAsync(new GetProjectRequest { ProjectCode = sound.Code })).Name);
            var refused = await Assert.ThrowsAsync<RpcException>(() => fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = flawed.Code }).ResponseAsync);
            Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
            Assert.Contains("95人百分比", refused.Status.Detail);
            var none = await Assert.ThrowsAsync<RpcException>(() => fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = empty.Code }).ResponseAsync);
            Assert.Equal(StatusCode.FailedPrecondition, none.StatusCode);
            Assert.Contains("指标集为空", none.Status.Detail);
            submitted = await fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = sound.Code });
            Assert.Equal(ProjectStatus.Submitted, submitted.Status);
        }
        finally
        {
            await fixture.Stack[PlatformStack.Indicators].StartAsync();
        }

        // Back up, the catalogue catches up on the submission it missed (its queue kept the event) and locks the set.
        await fixture.Stack.CatalogueKnowsProjectAsync(sound.Code, submitted.Version);
        var locked = await Assert.ThrowsAsync<RpcException>(() => fixture.Catalogue.PutIndicatorSetAsync(Put(sound, IndicatorSetTests.SoundSet().Take(2))).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, locked.StatusCode);
    }
}
