using System.Globalization;
using PerfPlatform.Web.Components;
using PerfPlatform.Web.Export;
using PerfPlatform.Web.Gateway;
using PerfPlatform.Web.Hosting;
using PerfPlatform.Web.SignIn;

// Chinese throughout, AntDesign's own texts (empty tables, pickers) included: it reads the current UI culture.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
var builder = WebApplication.CreateBuilder(args);
builder.AddConsoleHosting();
builder.AddConsoleSignIn();
builder.AddGatewayClients();
builder.Services.AddAntDesign();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapConsoleHealth();
app.MapConsoleSignIn();
app.MapTargetDocumentDownload();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
