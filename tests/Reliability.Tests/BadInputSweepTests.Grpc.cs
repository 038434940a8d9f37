using System.Collections;
using System.Text.Json.Nodes;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.Reliability.Tests;

/// <summary>
/// Every RPC of every service over gRPC, as read from the compiled protos: each field that its valid request sets
/// replaced by bad values of its type, repeated fields emptied and grown to 10,000 items, nested messages dropped, and
/// bytes that are not a protobuf message; the treasury stream with bad rows, a bad row after good ones, no row at all
/// and a row larger than a message may be; the same feed in chunks.
/// </summary>
public sealed partial class BadInputSweepTests
{
    private static readonly ServiceDescriptor[] Services =
    [
        Protos.Registry.V1.ProjectRegistry.Descriptor, Protos.Indicators.V1.IndicatorCatalogue.Descriptor, Protos.Indicators.V1.SelfEvaluation.Descriptor,
        Protos.Disbursement.V1.DisbursementTracking.Descriptor, Protos.Reporting.V1.Reporting.Descriptor, Diagnostics.Descriptor,
        Protos.Indicators.V1.Monitoring.Descriptor,
    ];

    // The CI form tries the first few of each kind; PERF_RELIABILITY=full all of them.
    private static readonly string[] BadStrings = Some(
        "", "' OR '1'='1' --", "\u0000x", new string('县', 20_000), "abc", "99999999999999999999", "<script>alert(1)</script>", "../../etc/passwd",
        "%s%s%n", "😀\u202e", "; DROP TABLE projects; --");

    private static readonly long[] BadNumbers = Some(-1L, long.MinValue, long.MaxValue, 0L, 123L, int.MaxValue, int.MinValue);

    private static T[] Some<T>(params T[] values) => Full ? values : values[..4];

    // Not a protobuf message: an invalid tag, a length past the end, a varint of eleven bytes, invalid UTF-8 in field 1.
    private static readonly byte[][] Garbage =
        [[0xFF, 0xFF, 0xFF, 0xFF, 0xFF], [0x0A, 0x7F, 0x41], [0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], [0x0A, 0x02, 0xC3, 0x28]];

    [Fact]
    public async Task Malformed_grpc_requests_to_every_rpc_never_fail_the_server_always_name_the_field_and_change_nothing()
    {
        var routes = await RoutesAsync();
        var methods = Services.SelectMany(s => s.Methods).ToList();
        var bound = methods.Where(m => Http(m) is not null)
            .Select(m => (Method: m, Route: routes.FirstOrDefault(r => Bindings(Http(m)!).Contains(r.Name)))).ToList();
        Assert.True(bound.All(b => b.Route is not null), "no valid request for " + string.Join(", ", bound.Where(b => b.Route is null).Select(b => b.Method.Name)));

        var stream = methods.Single(m => m.Name == "StreamBatch");
        var chunks = methods.Single(m => m.Name == "StreamBatchChunks");
        var echo = methods.Single(m => m.Name == "Echo");
        var batch = routes.Single(r => r.Template == "/v1/disbursements:batch");
        var streamVoucher = "SWEEP-" + Next(ref _voucher, "00000");
        var streamRoute = new SweepRoute
        {
            Method = "STREAM", Template = "StreamBatch", Token = batch.Token, Body = batch.Body,
            Fresh = { ["rows.0.voucherId"] = () => streamVoucher }, Restore = _ => Task.FromResult(streamVoucher = "SWEEP-" + Next(ref _voucher, "00000")),
            Committed = batch.Committed,
        };
        var echoRoute = new SweepRoute { Method = "GET", Template = "Echo", Token = batch.Token, Body = """{"payload":"x"}""" };
        Assert.Equal(methods.Count, bound.Count + 3);

        var rpcs = bound.Select(b => (b.Method, b.Route!)).Append((echo, echoRoute)).ToList();
        var cases = rpcs.SelectMany(rpc => GrpcCases(rpc.Item1, rpc.Item2))
            .Concat(StreamCases(stream, streamRoute))
            .Concat(ChunkCases(chunks, streamRoute))
            .Concat(methods.SelectMany(m => Garbage.Select(bytes => GarbageCase(m, m.IsClientStreaming ? streamRoute : rpcs.Single(r => r.Item1 == m).Item2, bytes))))
            .ToList();
        var sweep = new Sweep(fixture.Stack);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await sweep.RunAsync(rpcs.Select(r => r.Item2).Append(streamRoute).ToList(), cases,
            r => r == streamRoute ? SendStreamAsync(stream, r, [BaseRow(r)]) : SendGrpcAsync(rpcs.Single(x => x.Item2 == r).Item1, r, Build(rpcs.Single(x => x.Item2 == r).Item1, r)));
        output.WriteLine($"{cases.Count} malformed calls on {methods.Count} RPCs, {sweep.Sent} sent in {clock.Elapsed.TotalSeconds:0} s; answers: {sweep.Codes}");
        foreach (var failure in sweep.Failures.Order(StringComparer.Ordinal)) output.WriteLine(failure);
        if (sweep.Failures.Any(f => f.Contains("Unavailable"))) output.WriteLine(Sweep.Clip(fixture.Stack[PlatformStack.Gateway].Log, 6000));
        Assert.True(sweep.Failures.Count == 0, $"{sweep.Failures.Count} failures:\n" + string.Join("\n", sweep.Failures.Take(60)));
    }

    private static Google.Api.HttpRule? Http(MethodDescriptor method) => method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);

    private static IEnumerable<string> Bindings(Google.Api.HttpRule rule) => new[] { rule }.Concat(rule.AdditionalBindings).Select(b => b.PatternCase switch
    {
        Google.Api.HttpRule.PatternOneofCase.Get => "GET " + b.Get,
        Google.Api.HttpRule.PatternOneofCase.Post => "POST " + b.Post,
        Google.Api.HttpRule.PatternOneofCase.Put => "PUT " + b.Put,
        Google.Api.HttpRule.PatternOneofCase.Patch => "PATCH " + b.Patch,
        Google.Api.HttpRule.PatternOneofCase.Delete => "DELETE " + b.Delete,
        _ => "",
    });

    /// <summary>The RPC's request as its REST route sends it: the body, the path's values and the query, read as proto JSON.</summary>
    private static IMessage Build(MethodDescriptor method, SweepRoute route)
    {
        var body = route.FreshBody();
        var bodyField = Http(method)?.Body ?? "*";
        var json = bodyField == "*" ? body as JsonObject ?? new JsonObject() : new JsonObject();
        if (bodyField is not ("*" or "") && body is not null) json[method.InputType.FindFieldByName(bodyField).JsonName] = body;
        foreach (var placeholder in route.Placeholders) json[method.InputType.FindFieldByName(placeholder).JsonName] = route.Values[placeholder];
        foreach (var (key, value) in route.Query)
        {
            var parts = key.Split('.');
            var node = json;
            foreach (var part in parts[..^1]) node = (JsonObject)(node[part] ??= new JsonObject());
            // Proto JSON reads numbers from strings, but not booleans.
            node[parts[^1]] = value is "true" or "false" ? JsonValue.Create(value == "true") : Uri.UnescapeDataString(value);
        }
        return JsonParser.Default.Parse(json.ToJsonString(), method.InputType);
    }

    private static IMessage BaseRow(SweepRoute route) =>
        JsonParser.Default.Parse(route.FreshBody()!["rows"]![0]!.ToJsonString(), Protos.Disbursement.V1.RecordDisbursementRequest.Descriptor);

    private IEnumerable<SweepCase> GrpcCases(MethodDescriptor method, SweepRoute route)
    {
        foreach (var (field, mayBeValid, shown, apply) in Mutations(Build(method, route)))
            yield return new SweepCase(route, "gRPC", field, mayBeValid, shown, () =>
            {
                var request = Build(method, route);
                apply(request);
                return SendGrpcAsync(method, route, request);
            });
    }

    /// <summary>
    /// Each field the request sets, replaced by bad values of its type; a repeated field emptied, grown to 10,000 items,
    /// and its first item mutated in turn; a nested message dropped and its own fields mutated in turn.
    /// </summary>
    private static IEnumerable<(string Field, bool MayBeValid, string Shown, Action<IMessage> Apply)> Mutations(IMessage message, string prefix = "")
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var path = prefix + field.Name;
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                var list = (IList)value;
                if (list.Count == 0) continue;
                yield return (path, true, path + " empty", m => ((IList)field.Accessor.GetValue(m)).Clear());
                if (Full) yield return (path, true, path + " × 10,000", m =>
                {
                    var items = (IList)field.Accessor.GetValue(m);
                    for (var i = 1; i < 10_000; i++) items.Add(items[0]);
                });
                if (list[0] is IMessage item)
                    foreach (var (inner, mayBeValid, shown, apply) in Mutations(item, $"{path}[0]."))
                        yield return (inner, mayBeValid, shown, m => apply((IMessage)((IList)field.Accessor.GetValue(m))[0]!));
                else
                    foreach (var (bad, mayBeValid) in ScalarValues(field))
                        yield return ($"{path}[0]", mayBeValid, $"{path}[0]={Sweep.Clip(bad?.ToString() ?? "", 40)}", m => ((IList)field.Accessor.GetValue(m))[0] = bad);
            }
            else if (field.FieldType == FieldType.Message)
            {
                if (value is not IMessage child) continue;
                yield return (path, true, path + " absent", m => field.Accessor.Clear(m));
                foreach (var (inner, mayBeValid, shown, apply) in Mutations(child, path + "."))
                    yield return (inner, mayBeValid, shown, m => apply((IMessage)field.Accessor.GetValue(m)));
            }
            else if (!Equals(value, Default(field)))
                foreach (var (bad, mayBeValid) in ScalarValues(field))
                    yield return (path, mayBeValid, $"{path}={Sweep.Clip(bad?.ToString() ?? "", 40)}", m => field.Accessor.SetValue(m, bad));
        }
    }

    private static object? Default(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.String => "",
        FieldType.Bool => false,
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => 0,
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => 0L,
        FieldType.Enum => 0,
        _ => null,
    };

    /// <summary>Bad values of a field's type; whether each might be a valid one (not text with NUL or 20,000 characters).</summary>
    private static IEnumerable<(object? Value, bool MayBeValid)> ScalarValues(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.String => BadStrings.Select(s => ((object?)s, !s.Contains('\0') && s.Length <= 1000)),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 =>
            BadNumbers.Select(v => (object?)(int)Math.Clamp(v, int.MinValue, int.MaxValue)).Distinct().Select(v => (v, true)),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => BadNumbers.Select(v => ((object?)v, true)),
        FieldType.Enum => new object?[] { 0, 99, -1 }.Select(v => (v, true)),
        FieldType.Bool => new object?[] { true, false }.Select(v => (v, true)),
        _ => [],
    };

    private SweepCase GarbageCase(MethodDescriptor method, SweepRoute route, byte[] bytes) =>
        new(route, "gRPC", null, false, $"{method.Name} bytes {Convert.ToHexString(bytes)}", () => SendBytesAsync(method, route, bytes)) { RequiresField = false };

    /// <summary>
    /// The treasury stream: one row with each field bad; a bad row after 2,000 good ones (none may be stored); no row;
    /// a row of 1 MB (its note far too long) and one of 5 MB (larger than a message may be).
    /// </summary>
    private IEnumerable<SweepCase> StreamCases(MethodDescriptor method, SweepRoute route)
    {
        foreach (var (field, mayBeValid, shown, apply) in Mutations(BaseRow(route)))
            yield return new SweepCase(route, "gRPC", field, mayBeValid, "stream row " + shown, () =>
            {
                var row = BaseRow(route);
                apply(row);
                return SendStreamAsync(method, route, [row]);
            });
        foreach (var (field, apply) in new (string, Action<IMessage>)[]
                 {
                     ("rows[2000].voucher_id", m => Set(m, "voucher_id", "凭证 1")), ("rows[2000].date", m => Set(m, "date", "2021-02-30")),
                     ("rows[2000].amount_fen", m => Set(m, "amount_fen", 0L)), ("rows[2000].fund_source", m => Set(m, "fund_source", "treasury")),
                     ("rows[2000].note", m => Set(m, "note", "\0")), ("rows[2000].project_code", m => Set(m, "project_code", "13063621NOSUCHPROJECT")),
                 }.Take(Full ? 6 : 2))
            yield return new SweepCase(route, "gRPC", field, false, "2,000 good rows, then " + field, () =>
            {
                var rows = Enumerable.Range(0, 2001).Select(i =>
                {
                    var row = BaseRow(route);
                    Set(row, "voucher_id", $"SWEEP-GOOD-{Guid.NewGuid():N}");
                    return row;
                }).ToList();
                apply(rows[^1]);
                return SendStreamAsync(method, route, rows);
            });
        yield return new SweepCase(route, "gRPC", "rows", false, "no row", () => SendStreamAsync(method, route, []));
        yield return new SweepCase(route, "gRPC", "note", false, "a row with a note of 1 MB", () =>
        {
            var row = BaseRow(route);
            Set(row, "note", new string('n', 1 << 20));
            return SendStreamAsync(method, route, [row]);
        });
        yield return new SweepCase(route, "gRPC", null, false, "a row of 5 MB", () =>
        {
            var row = BaseRow(route);
            Set(row, "note", new string('n', 5 << 20));
            return SendStreamAsync(method, route, [row]);
        }) { RequiresField = false };
    }

    /// <summary>
    /// The treasury stream in chunks (one batch of many messages): a chunk whose row has each field bad, or that is empty or
    /// holds 10,000 rows; a chunk of 2,000 good rows, then a chunk with a bad row, named by its place in the whole batch; no chunk.
    /// </summary>
    private IEnumerable<SweepCase> ChunkCases(MethodDescriptor method, SweepRoute route)
    {
        IMessage Chunk(IEnumerable<IMessage> rows)
        {
            var chunk = method.InputType.Parser.ParseFrom([]);
            var items = (IList)method.InputType.FindFieldByName("rows").Accessor.GetValue(chunk);
            foreach (var row in rows) items.Add(row);
            return chunk;
        }
        foreach (var (field, mayBeValid, shown, apply) in Mutations(Chunk([BaseRow(route)])))
            yield return new SweepCase(route, "gRPC", field, mayBeValid, "chunk " + shown, () =>
            {
                var chunk = Chunk([BaseRow(route)]);
                apply(chunk);
                return SendStreamAsync(method, route, [chunk]);
            });
        yield return new SweepCase(route, "gRPC", "rows[2000].date", false, "a chunk of 2,000 good rows, then a chunk with a bad date", async () =>
        {
            var good = Enumerable.Range(0, 2000).Select(_ =>
            {
                var row = BaseRow(route);
                Set(row, "voucher_id", $"SWEEP-GOOD-{Guid.NewGuid():N}");
                return row;
            });
            var bad = BaseRow(route);
            Set(bad, "date", "2021-02-30");
            // The sweep compares fields without their indexes: the row's place in the whole batch is checked here.
            var outcome = await SendStreamAsync(method, route, [Chunk(good), Chunk([bad])]);
            return outcome.Named.SequenceEqual(["rows[2000].date"]) ? outcome
                : outcome with { Problem = $"the bad row named as {string.Join(", ", outcome.Named)}, not rows[2000].date" };
        });
        yield return new SweepCase(route, "gRPC", "rows", false, "no chunk", () => SendStreamAsync(method, route, []));
    }

    private static void Set(IMessage message, string field, object value) => message.Descriptor.FindFieldByName(field).Accessor.SetValue(message, value);

    private static CallOptions Options(SweepRoute route) =>
        new(new Metadata { { "Authorization", $"Bearer {route.Token}" } }, DateTime.UtcNow.AddSeconds(60));

    private CallInvoker? _invoker;

    // One channel for every call, as a client would hold; the token goes with each call.
    private CallInvoker Invoker() => _invoker ??= fixture.Gateway(null).CreateCallInvoker();

    // A stream answered while its rows are still being written (the row of 5 MB) is reset by .NET's HTTP/2 client, which
    // may still send a DATA frame after its RST_STREAM; Kestrel rightly closes that connection, and every other call on it
    // would fail. Each stream therefore has a connection of its own, as the treasury's feed client holds.
    private CallInvoker StreamInvoker() => fixture.Gateway(null).CreateCallInvoker();

    private static Method<IMessage, IMessage> Typed(MethodDescriptor method, MethodType type) => new(type, method.Service.FullName, method.Name,
        Marshallers.Create<IMessage>(m => m.ToByteArray(), b => method.InputType.Parser.ParseFrom(b)),
        Marshallers.Create<IMessage>(m => m.ToByteArray(), b => method.OutputType.Parser.ParseFrom(b)));

    private async Task<Outcome> SendGrpcAsync(MethodDescriptor method, SweepRoute route, IMessage request)
    {
        try { return GrpcAnswer(route, await Invoker().AsyncUnaryCall(Typed(method, MethodType.Unary), null, Options(route), request)); }
        catch (RpcException e) { return GrpcRefusal(e); }
    }

    private async Task<Outcome> SendStreamAsync(MethodDescriptor method, SweepRoute route, IReadOnlyList<IMessage> rows)
    {
        try { return GrpcAnswer(route, await ClientStreamAsync(StreamInvoker().AsyncClientStreamingCall(Typed(method, MethodType.ClientStreaming), null, Options(route)), rows)); }
        catch (RpcException e) { return GrpcRefusal(e); }
    }

    /// <summary>
    /// The server may answer before the client has written everything (a row too large, a bad row after good ones): the
    /// answer is read while the rows are written, writing stops once it has come, and a write that fails then is no
    /// failure of the call.
    /// </summary>
    private static async Task<TResponse> ClientStreamAsync<TRequest, TResponse>(AsyncClientStreamingCall<TRequest, TResponse> call, IEnumerable<TRequest> rows)
    {
        using (call)
        {
            var writing = Task.Run(async () =>
            {
                foreach (var row in rows)
                {
                    if (call.ResponseAsync.IsCompleted) return;
                    await call.RequestStream.WriteAsync(row);
                }
                await call.RequestStream.CompleteAsync();
            });
            try { return await call.ResponseAsync; }
            // A write the server no longer reads may wait for flow control until the call is disposed.
            finally { await Task.WhenAny(writing, Task.Delay(TimeSpan.FromSeconds(5))); }
        }
    }

    private async Task<Outcome> SendBytesAsync(MethodDescriptor method, SweepRoute route, byte[] bytes)
    {
        var marshaller = Marshallers.Create<byte[]>(b => b, b => b);
        var raw = new Method<byte[], byte[]>(method.IsClientStreaming ? MethodType.ClientStreaming : MethodType.Unary, method.Service.FullName, method.Name, marshaller, marshaller);
        try
        {
            if (!method.IsClientStreaming)
            {
                await Invoker().AsyncUnaryCall(raw, null, Options(route), bytes);
                return new Outcome(true, 0, "", [], "");
            }
            await ClientStreamAsync(StreamInvoker().AsyncClientStreamingCall(raw, null, Options(route)), [bytes]);
            return new Outcome(true, 0, "", [], "");
        }
        catch (RpcException e) { return GrpcRefusal(e); }
    }

    private static Outcome GrpcAnswer(SweepRoute route, IMessage response)
    {
        var text = JsonFormatter.Default.Format(response);
        var json = JsonNode.Parse(text);
        if (route.Committed(json)) return new Outcome(true, 0, "", [], text);
        var errors = json?["errors"]?.AsArray() ?? [];
        // A row error names its field within the row; the row's index makes it a field of the request.
        var fields = errors.Select(e => e?["field"]?.GetValue<string>() is { Length: > 0 } f ? $"rows[{e?["row"]?.ToString() ?? "0"}].{f}" : "").ToList();
        return new Outcome(false, 3, string.Join("；", errors.Select(e => e?["message"]?.GetValue<string>())), fields, text,
            errors.Count == 0 || fields.Any(f => f.Length == 0) ? "a batch refused without an error naming the field of each bad row" : null);
    }

    private static Outcome GrpcRefusal(RpcException e)
    {
        var status = e.GetRpcStatus();
        var named = (status?.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations.Select(v => v.Field) ?? [])
            .Concat(status?.GetDetail<Google.Rpc.PreconditionFailure>()?.Violations.Select(v => v.Subject) ?? []).ToList();
        return new Outcome(false, (int)e.StatusCode, e.Status.Detail, named, $"{e.StatusCode} {e.Status.Detail} [{string.Join(", ", named)}]");
    }
}
