using Grpc.Core;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Registry.V1;
using Xunit;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.ProjectRegistry.Tests;

/// <summary>The finance bureau's review queue (GET /v1/review-queue): what waits, in which order, a page at a time, for whom.</summary>
public sealed class ReviewQueueTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    // A year no other test of this class files in, so that the queue holds this test's projects only.
    private const int Year = 2023;

    private RegistryClient Finance => fixture.Finance;
    private RegistryClient Department => fixture.DepartmentOf(RegistryFixture.Unit);

    [Fact]
    public async Task The_queue_holds_what_waits_for_review_the_longest_waiting_first_a_page_at_a_time()
    {
        var a = await SubmittedAsync("一号项目");
        var b = await SubmittedAsync("二号项目");
        var c = await SubmittedAsync("三号项目");
        await Department.CreateProjectAsync(Samples.Create(Project("草稿项目")));
        // Returned and resubmitted, A waits from its resubmission; approved, C waits no more.
        a = await Finance.ReturnProjectAsync(new ReviewActionRequest { ProjectCode = a.Code, Version = a.Version, Comment = "请补充成本指标。" });
        a = await Department.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = a.Code, Version = a.Version });
        await Finance.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = c.Code, Version = c.Version, Comment = "同意" });

        var whole = await Finance.ListReviewQueueAsync(new ListReviewQueueRequest { Year = Year });
        Assert.Equal([b.Code, a.Code], whole.Projects.Select(p => p.Code));
        Assert.All(whole.Projects, p => Assert.Equal(ProjectStatus.Submitted, p.Status));
        Assert.Equal(2, whole.Page.TotalSize);
        Assert.Equal(a, whole.Projects[1]);

        var first = await Finance.ListReviewQueueAsync(new ListReviewQueueRequest { Year = Year, Page = new PageRequest { PageSize = 1 } });
        Assert.Equal([b.Code], first.Projects.Select(p => p.Code));
        var second = await Finance.ListReviewQueueAsync(new ListReviewQueueRequest
        {
            Year = Year, Page = new PageRequest { PageSize = 1, PageToken = first.Page.NextPageToken },
        });
        Assert.Equal([a.Code], second.Projects.Select(p => p.Code));
        Assert.Equal("", second.Page.NextPageToken);
        Assert.Equal(2, second.Page.TotalSize);

        // By division: the projects' own, and none of a division without projects; every year holds this year's too.
        var own = await Finance.ListReviewQueueAsync(new ListReviewQueueRequest { Year = Year, DivisionCode = RegistryFixture.Division });
        Assert.Equal([b.Code, a.Code], own.Projects.Select(p => p.Code));
        var other = await Finance.ListReviewQueueAsync(new ListReviewQueueRequest { Year = Year, DivisionCode = "130637" });
        Assert.Empty(other.Projects);
        Assert.Equal(0, other.Page.TotalSize);
        var everyYear = await Finance.ListReviewQueueAsync(new ListReviewQueueRequest { Page = new PageRequest { PageSize = 500 } });
        Assert.Superset(new[] { a.Code, b.Code }.ToHashSet(), everyYear.Projects.Select(p => p.Code).ToHashSet());
        Assert.DoesNotContain(c.Code, everyYear.Projects.Select(p => p.Code));
    }

    [Fact]
    public async Task Approving_a_page_of_the_queue_hides_nothing_from_the_next_page()
    {
        const int year = 2024;
        var queued = new List<Project>();
        for (var i = 1; i <= 5; i++) queued.Add(await SubmittedAsync($"排队项目{i}", year));
        var codes = queued.Select(p => p.Code).ToList();

        var first = await Finance.ListReviewQueueAsync(new ListReviewQueueRequest { Year = year, Page = new PageRequest { PageSize = 2 } });
        Assert.Equal(codes[..2], first.Projects.Select(p => p.Code));
        foreach (var p in first.Projects)
            await Finance.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = p.Code, Version = p.Version, Comment = "同意" });

        // The reviewer goes on to the next page: the two approved have left, and the next two still waiting follow.
        var second = await Finance.ListReviewQueueAsync(new ListReviewQueueRequest
        {
            Year = year, Page = new PageRequest { PageSize = 2, PageToken = first.Page.NextPageToken },
        });
        Assert.Equal(codes[2..4], second.Projects.Select(p => p.Code));
        Assert.Equal(3, second.Page.TotalSize);
        var third = await Finance.ListReviewQueueAsync(new ListReviewQueueRequest
        {
            Year = year, Page = new PageRequest { PageSize = 2, PageToken = second.Page.NextPageToken },
        });
        Assert.Equal(codes[4..], third.Projects.Select(p => p.Code));
        Assert.Equal("", third.Page.NextPageToken);
    }

    [Fact]
    public async Task Only_the_finance_bureau_reads_the_queue_and_a_bad_request_names_its_field()
    {
        var (denied, _) = await Errors.Expect(StatusCode.PermissionDenied,
            () => Department.ListReviewQueueAsync(new ListReviewQueueRequest { Year = Year }).ResponseAsync);
        Assert.Contains("财政部门", denied.Status.Detail);

        foreach (var (request, field) in new (ListReviewQueueRequest, string)[]
                 {
                     (new() { Year = 1999 }, "year"),
                     (new() { Year = Year, DivisionCode = "13" }, "division_code"),
                     (new() { Year = Year, Page = new PageRequest { PageSize = 501 } }, "page.page_size"),
                     (new() { Year = Year, Page = new PageRequest { PageToken = "x" } }, "page.page_token"),
                     (new() { Year = Year, Page = new PageRequest { PageToken = "20" } }, "page.page_token"),
                     (new() { Year = Year, Page = new PageRequest { PageToken = "1:13" } }, "page.page_token"),
                     (new() { Year = Year, Page = new PageRequest { PageToken = $"300000000000000000:{Samples.NewCode(Year)}" } }, "page.page_token"),
                 })
        {
            var (_, fields) = await Errors.Expect(StatusCode.InvalidArgument, () => Finance.ListReviewQueueAsync(request).ResponseAsync);
            Assert.Equal([field], fields);
        }
    }

    private static Project Project(string name, int year = Year)
    {
        var project = Samples.VehiclePurchase(Samples.NewCode(year));
        (project.Year, project.Name) = (year, name);
        return project;
    }

    private async Task<Project> SubmittedAsync(string name, int year = Year)
    {
        var p = await Department.CreateProjectAsync(Samples.Create(Project(name, year)));
        return await Department.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = p.Code, Version = p.Version });
    }
}
