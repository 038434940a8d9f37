using System.Text;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.ServiceDefaults.Errors;
using PerfPlatform.ServiceDefaults.Persistence;
using Xunit;
using Status = Google.Rpc.Status;

namespace PerfPlatform.BuildingBlocks.Tests;

public sealed class ErrorMappingTests
{
    [Fact]
    public void Validation_failures_become_invalid_argument_with_every_field_violation()
    {
        var v = new Violations().Add("project.code", "项目编码格式不正确。").Required("", "project.name", "项目名称");
        var e = Assert.Throws<ValidationFailedException>(v.ThrowIfAny);
        var status = ErrorMappingInterceptor.ToStatus(e);
        Assert.Equal((int)Code.InvalidArgument, status.Code);
        var bad = status.GetDetail<BadRequest>();
        Assert.Equal(["project.code", "project.name"], bad.FieldViolations.Select(f => f.Field));
        Assert.Equal("项目名称不能为空。", bad.FieldViolations[1].Description);
    }

    [Fact]
    public void Domain_errors_keep_their_meaning()
    {
        Assert.Equal((int)Code.NotFound, ErrorMappingInterceptor.ToStatus(new NotFoundException("x")).Code);
        Assert.Equal((int)Code.AlreadyExists, ErrorMappingInterceptor.ToStatus(new AlreadyExistsException("x")).Code);
        var taken = ErrorMappingInterceptor.ToStatus(new AlreadyExistsException("项目编码已被使用。", "project.code"));
        Assert.Equal(((int)Code.AlreadyExists, "project.code"), (taken.Code, taken.GetDetail<BadRequest>().FieldViolations.Single().Field));
        Assert.Equal((int)Code.PermissionDenied, ErrorMappingInterceptor.ToStatus(new PermissionDeniedException("x")).Code);
        Assert.Equal((int)Code.Aborted, ErrorMappingInterceptor.ToStatus(new ConcurrencyConflictException("x")).Code);
        var precondition = ErrorMappingInterceptor.ToStatus(new FailedPreconditionException("不能提交", [new FieldViolation("indicators", "指标为空")]));
        Assert.Equal((int)Code.FailedPrecondition, precondition.Code);
        Assert.Equal("indicators", precondition.GetDetail<PreconditionFailure>().Violations.Single().Subject);
    }

    [Fact]
    public void Database_failures_keep_their_meaning_through_the_translator_the_data_project_registers()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=unused";
        builder.AddPerfDatabase<EmptyDb>();
        var translators = builder.Services.BuildServiceProvider().GetServices<IErrorTranslator>().ToList();
        Assert.IsType<DatabaseErrors>(Assert.Single(translators));

        Status Mapped(Exception e) => ErrorMappingInterceptor.ToStatus(e, translators);
        Assert.Equal((int)Code.Aborted, Mapped(new DbUpdateConcurrencyException("x")).Code);
        Assert.Equal((int)Code.AlreadyExists, Mapped(new DbUpdateException("x", Postgres(PostgresErrorCodes.UniqueViolation))).Code);
        Assert.Equal((int)Code.Aborted, Mapped(Postgres(PostgresErrorCodes.SerializationFailure)).Code);
        var nul = Mapped(Postgres(PostgresErrorCodes.CharacterNotInRepertoire));
        Assert.Equal(((int)Code.InvalidArgument, "body"), (nul.Code, nul.GetDetail<BadRequest>().FieldViolations.Single().Field));
        Assert.Equal((int)Code.Unavailable, Mapped(new NpgsqlException("connection refused")).Code);
        Assert.Equal((int)Code.Internal, Mapped(Postgres(PostgresErrorCodes.UndefinedTable)).Code);
        // Domain errors pass untouched; hosting alone (the gateway) knows no database, so there it is unexpected.
        Assert.Equal((int)Code.NotFound, Mapped(new NotFoundException("x")).Code);
        Assert.Equal((int)Code.Internal, ErrorMappingInterceptor.ToStatus(new DbUpdateConcurrencyException("x")).Code);
    }

    private static PostgresException Postgres(string sqlState) => new("test", "ERROR", "ERROR", sqlState);

    private sealed class EmptyDb(DbContextOptions<EmptyDb> options) : DbContext(options);

    [Fact]
    public void Anything_unexpected_is_internal_without_its_internals()
    {
        var status = ErrorMappingInterceptor.ToStatus(new InvalidOperationException("connection string Password=secret"));
        Assert.Equal((int)Code.Internal, status.Code);
        Assert.DoesNotContain("secret", status.Message);
    }

    [Fact]
    public void A_status_stays_far_below_the_64_kb_header_limit_whatever_the_exception_says()
    {
        var huge = new string('县', 20_000);
        var many = Enumerable.Range(0, 10_000).Select(i => new FieldViolation($"indicators[{i}].name", $"指标名称「{huge}」格式不正确。")).ToList();
        foreach (var status in new[]
                 {
                     ErrorMappingInterceptor.ToStatus(new ValidationFailedException(many)),
                     ErrorMappingInterceptor.ToStatus(new ValidationFailedException(huge, huge)),
                     ErrorMappingInterceptor.ToStatus(new NotFoundException(huge)),
                     ErrorMappingInterceptor.ToStatus(new AlreadyExistsException(huge, "name")),
                     ErrorMappingInterceptor.ToStatus(new FailedPreconditionException(huge, many)),
                 })
        {
            // grpc-message percent-encodes UTF-8 (nine bytes a Chinese character); the details travel base64-encoded.
            var headers = Encoding.UTF8.GetByteCount(status.Message) * 3 + status.ToByteArray().Length * 4 / 3;
            Assert.True(headers < 32 * 1024, $"{headers} bytes of headers");
            Assert.True(status.Message.Length <= ErrorMappingInterceptor.MaxMessage + 30, status.Message[..100]);
        }
        var listed = ErrorMappingInterceptor.ToStatus(new ValidationFailedException(many));
        var kept = listed.GetDetail<BadRequest>().FieldViolations;
        Assert.Equal("indicators[0].name", kept[0].Field);
        Assert.InRange(kept.Count, 1, 10);
        Assert.EndsWith($"（共 10000 项问题，只列出前 {kept.Count} 项）", listed.Message);
    }

    [Fact]
    public void A_value_is_quoted_whole_when_short_and_by_its_first_characters_and_length_when_long()
    {
        Assert.Equal("「13063621」", Quote.Of("13063621"));
        Assert.Equal("「」", Quote.Of(""));
        Assert.Equal($"「{new string('县', 30)}…」（共 20000 个字符）", Quote.Of(new string('县', 20_000)));
        // Never half of a surrogate pair, and what would not show (a line break, a right-to-left override) escaped.
        Assert.Equal($"「{new string('x', 29)}…」（共 31 个字符）", Quote.Of(new string('x', 29) + "😀"));
        Assert.Equal("「a\\u000Ab\\u202E」", Quote.Of("a\nb\u202e"));
    }

    [Fact]
    public void Bytes_that_are_not_the_request_message_are_invalid_argument_naming_the_body()
    {
        var marshaller = RequestDecoding.Checked(Marshallers.Create(m => m.ToByteArray(), GetProjectRequest.Parser.ParseFrom));
        Assert.Equal("130636216T39PTY2WF094", marshaller.ContextualDeserializer(new Payload(
            new GetProjectRequest { ProjectCode = "130636216T39PTY2WF094" }.ToByteArray())).ProjectCode);
        // An invalid tag, a length past the end, a varint of eleven bytes, invalid UTF-8 in project_code.
        foreach (var bytes in new byte[][]
                 {
                     [0xFF, 0xFF, 0xFF, 0xFF, 0xFF], [0x0A, 0x7F, 0x41], [0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
                     [0x0A, 0x02, 0xC3, 0x28],
                 })
        {
            var error = Assert.Throws<RpcException>(() => marshaller.ContextualDeserializer(new Payload(bytes)));
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Equal(["body"], error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
        }
    }

    private sealed class Payload(byte[] bytes) : DeserializationContext
    {
        public override int PayloadLength => bytes.Length;
        public override byte[] PayloadAsNewBuffer() => bytes.ToArray();
        public override System.Buffers.ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(bytes);
    }
}
