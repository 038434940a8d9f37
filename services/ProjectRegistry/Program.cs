using PerfPlatform.ProjectRegistry;
using PerfPlatform.ProjectRegistry.Projects;
using PerfPlatform.ServiceDefaults.Hosting;

await DataServiceHost.RunAsync<RegistryDb>(args, "project-registry", builder => builder.AddProjectRegistry(),
    app => app.MapGrpcService<RegistryService>(),
    new ServiceJob("--announce-projects", async (services, ct) =>
        $"{await services.GetRequiredService<ProjectAnnouncement>().RunAsync(ct)} projects announced."));
