using System.CommandLine;
using System.Text;
using PerfPlatform.Cli.Commands;

Console.OutputEncoding = Encoding.UTF8;
var root = new RootCommand("perfctl：预算绩效目标管理平台命令行工具（PerfPlatform）");
root.Options.Add(Gateway.AddressOption);
root.Options.Add(Gateway.TokenOption);
root.Subcommands.Add(TokenCommand.Create());
root.Subcommands.Add(ReportCommands.Report());
root.Subcommands.Add(ReportCommands.Warnings());
root.Subcommands.Add(ReportCommands.Export());
return await root.Parse(args).InvokeAsync();
