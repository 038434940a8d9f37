using System.Reflection;
using System.Text;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PerfPlatform.ServiceDefaults.Errors;

/// <summary>
/// grpc-dotnet decodes a request message before any interceptor runs, and bytes that are not the message then answer
/// UNKNOWN ("Exception was thrown by handler."), or INTERNAL mid-stream through <see cref="ErrorMappingInterceptor"/>.
/// Services are bound here instead of by grpc-dotnet's own binder: the same methods, handlers and metadata, with a
/// request marshaller that answers INVALID_ARGUMENT naming the body (as <see cref="RestRequestCheck"/> does for JSON).
/// </summary>
public static class RequestDecoding
{
    public const string Field = "body";

    /// <summary>Replaces grpc-dotnet's binder (an internal type, found by name: startup fails loudly should it move).</summary>
    public static IServiceCollection AddRequestDecodingCheck(this IServiceCollection services)
    {
        var binder = services.SingleOrDefault(d => d.ServiceType == typeof(IServiceMethodProvider<>)
                                                   && d.ImplementationType?.Name == "BinderServiceMethodProvider`1")
                     ?? throw new InvalidOperationException("grpc-dotnet's BinderServiceMethodProvider is not registered: call AddGrpc first.");
        services.Remove(binder);
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(CheckedMethodProvider<>));
        return services;
    }

    public static RpcException Undecodable(string messageType) =>
        ErrorMappingInterceptor.ToStatus(new ValidationFailedException(Field,
            $"请求消息不是有效的 protobuf 编码（应为 {messageType}），无法读取。")).ToRpcException();

    /// <summary>The marshaller's deserializer, with bytes it cannot decode answered as INVALID_ARGUMENT.</summary>
    public static Marshaller<T> Checked<T>(Marshaller<T> marshaller) where T : class => new(marshaller.ContextualSerializer, context =>
    {
        try { return marshaller.ContextualDeserializer(context); }
        // Invalid UTF-8 in a string field surfaces from the decoder, not as a protobuf error.
        catch (Exception e) when (e is InvalidProtocolBufferException or DecoderFallbackException) { throw Undecodable(typeof(T).Name); }
    });

    /// <summary>What grpc-dotnet's BinderServiceMethodProvider does, with each request marshaller checked.</summary>
    private sealed class CheckedMethodProvider<TService> : IServiceMethodProvider<TService> where TService : class
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
        {
            if (BindMethod(typeof(TService)) is not { } bind) return;
            bind.Invoke(null, [new Binder<TService>(context, bind.GetParameters()[1].ParameterType), null]);
        }

        private static MethodInfo? BindMethod(Type service)
        {
            for (var type = service; type is not null; type = type.BaseType)
                if (type.GetCustomAttribute<BindServiceMethodAttribute>() is { } attribute)
                    return attribute.BindType.GetMethod(attribute.BindMethodName, BindingFlags.Public | BindingFlags.Static, null,
                        [typeof(ServiceBinderBase), type], null);
            return null;
        }
    }

    private sealed class Binder<TService>(ServiceMethodProviderContext<TService> context, Type serviceBase) : ServiceBinderBase
        where TService : class
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(Checked(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(Checked(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(Checked(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(Checked(method), metadata, invoker);
        }

        private static Method<TRequest, TResponse> Checked<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class where TResponse : class =>
            new(method.Type, method.ServiceName, method.Name, RequestDecoding.Checked(method.RequestMarshaller), method.ResponseMarshaller);

        /// <summary>
        /// The service's override of the generated method, as an open delegate taking the instance (created per call), and its
        /// attributes (the service's first, the method's last, so that the method's win) for authorization and routing.
        /// </summary>
        private (TDelegate Invoker, List<object> Metadata) Handler<TDelegate>(string name, params Type[] parameters) where TDelegate : Delegate
        {
            var handler = Override(name, parameters) ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(handler.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
        }

        private MethodInfo? Override(string name, Type[] parameters)
        {
            for (var type = typeof(TService); type is not null; type = type.BaseType)
            {
                var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, null, parameters, null);
                if (method is null) return null;
                // A method of the same name that hides the generated one is not its implementation: look further down.
                if (method.IsVirtual && method.GetBaseDefinition().DeclaringType == serviceBase) return method;
            }
            return null;
        }
    }
}
