using Google.Rpc;
using Microsoft.EntityFrameworkCore;
using PerfPlatform.ServiceDefaults.Errors;
using Xunit;

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
        Assert.Equal((int)Code.Aborted, ErrorMappingInterceptor.ToStatus(new DbUpdateConcurrencyException("x")).Code);
        Assert.Equal((int)Code.ResourceExhausted, ErrorMappingInterceptor.ToStatus(new ResourceExhaustedException("x")).Code);
        var precondition = ErrorMappingInterceptor.ToStatus(new FailedPreconditionException("不能提交", [new FieldViolation("indicators", "指标为空")]));
        Assert.Equal((int)Code.FailedPrecondition, precondition.Code);
        Assert.Equal("indicators", precondition.GetDetail<PreconditionFailure>().Violations.Single().Subject);
    }

    [Fact]
    public void Anything_unexpected_is_internal_without_its_internals()
    {
        var status = ErrorMappingInterceptor.ToStatus(new InvalidOperationException("connection string Password=secret"));
        Assert.Equal((int)Code.Internal, status.Code);
        Assert.DoesNotContain("secret", status.Message);
    }
}
