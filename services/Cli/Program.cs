using System.Text;
using PerfPlatform.Cli.Commands;

Console.OutputEncoding = Encoding.UTF8;
// Tables written to a file or a pipe keep their full width instead of a terminal's 80 columns.
if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 240;
var root = new RootCommand("perfctl：预算绩效目标管理平台命令行工具（PerfPlatform）");
root.Options.Add(Gateway.AddressOption);
root.Options.Add(Gateway.TokenOption);
root.Subcommands.Add(TokenCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(LintCommand.Create());
root.Subcommands.Add(ChecksCommand.Create());
root.Subcommands.Add(ReportCommands.Report());
root.Subcommands.Add(ReportCommands.Warnings());
root.Subcommands.Add(ReportCommands.Export());
root.Subcommands.Add(PublishCommand.Create());
root.Subcommands.Add(MonitoringCommand.Create());
root.Subcommands.Add(EvaluationCommand.Create());
return await root.Parse(args).InvokeAsync();
