using System.CommandLine;
using System.Text;
using PerfPlatform.Cli.Commands;

Console.OutputEncoding = Encoding.UTF8;
var root = new RootCommand("perfctl：预算绩效目标管理平台命令行工具（PerfPlatform）");
root.Subcommands.Add(TokenCommand.Create());
return await root.Parse(args).InvokeAsync();
