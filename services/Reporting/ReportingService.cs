using Npgsql;
using PerfPlatform.Reporting.Disclosure;
using PerfPlatform.Reporting.Documents;
using PerfPlatform.Reporting.Summary;

namespace PerfPlatform.Reporting;

/// <summary>The Reporting gRPC service; each feature folder adds its methods. Reads only its own read model.</summary>
public sealed partial class ReportingService(NpgsqlDataSource dataSource, SummaryQuery summaries, TargetDocumentReader documents,
    PublicTargets publicTargets)
    : Protos.Reporting.V1.Reporting.ReportingBase;
