#!/usr/bin/python3
"""Calls a CustomerView gRPC server with python3-grpcio (Debian), a client this project did not write.

Messages are built from a serialized FileDescriptorSet (written by the test) with protobuf's descriptor pool, and
methods are called through grpcio's generic API, so no generated code or grpc_tools is needed. Each scenario prints
one JSON object on stdout; the xunit test asserts on it.
"""

import argparse
import json
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

SERVICE = "/customerview.grpctest.v1.TestService/"


def load_types(path):
    with open(path, "rb") as f:
        files = descriptor_pb2.FileDescriptorSet.FromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for proto in files.file:
        pool.Add(proto)

    def message_class(name):
        descriptor = pool.FindMessageTypeByName(name)
        if hasattr(message_factory, "GetMessageClass"):
            return message_factory.GetMessageClass(descriptor)
        return message_factory.MessageFactory(pool).GetPrototype(descriptor)

    return message_class


def error(e):
    return {"code": e.code().name, "details": e.details()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--descriptors", required=True)
    parser.add_argument("--scenario", required=True)
    args = parser.parse_args()

    types = load_types(args.descriptors)
    Request = types("customerview.grpctest.v1.TestRequest")
    Response = types("customerview.grpctest.v1.TestResponse")
    channel = grpc.insecure_channel(
        args.target,
        options=[
            ("grpc.enable_http_proxy", 0),
            ("grpc.max_send_message_length", 64 * 1024 * 1024),
            ("grpc.max_receive_message_length", 64 * 1024 * 1024),
        ],
    )

    def unary(name):
        return channel.unary_unary(SERVICE + name, request_serializer=Request.SerializeToString,
                                   response_deserializer=Response.FromString)

    def server_stream(name):
        return channel.unary_stream(SERVICE + name, request_serializer=Request.SerializeToString,
                                    response_deserializer=Response.FromString)

    scenario = args.scenario
    result = {}
    if scenario == "unary":
        response = unary("Echo")(Request(message="hello from python"), timeout=10)
        result = {"code": "OK", "message": response.message}
    elif scenario == "serialized":
        small = unary("EchoSerialized")(Request(message="pre-serialized"), timeout=10)
        large = unary("EchoSerialized")(Request(message="big", response_size=300000), timeout=10)
        result = {"code": "OK", "message": small.message, "size": len(large.payload), "large_message": large.message}
    elif scenario == "gzip":
        response, call = unary("Echo").with_call(
            Request(message="z" * 10000), timeout=10, compression=grpc.Compression.Gzip)
        result = {"code": call.code().name, "length": len(response.message)}
    elif scenario == "stream":
        indexes = [r.index for r in server_stream("Stream")(Request(message="s", count=5), timeout=10)]
        result = {"code": "OK", "indexes": indexes}
    elif scenario == "deadline":
        try:
            unary("Sleep")(Request(delay_ms=10000), timeout=0.5)
            result = {"code": "OK"}
        except grpc.RpcError as e:
            result = error(e)
    elif scenario == "stream_deadline":
        received = 0
        try:
            for _ in server_stream("Stream")(Request(count=1000, delay_ms=50), timeout=1.0):
                received += 1
            result = {"code": "OK"}
        except grpc.RpcError as e:
            result = error(e)
        result["received"] = received
    elif scenario == "cancel":
        call = server_stream("Stream")(Request(count=1000, delay_ms=20), timeout=30)
        received = 0
        try:
            for _ in call:
                received += 1
                if received == 2:
                    call.cancel()
            result = {"code": "OK"}
        except grpc.RpcError as e:
            result = error(e)
        result["received"] = received
    elif scenario == "large":
        big = b"\x07" * (3 * 1024 * 1024)
        response = unary("Echo")(Request(payload=big, response_size=3 * 1024 * 1024 + 1), timeout=30)
        result = {"code": "OK", "size": len(response.payload)}
    elif scenario == "too_large":
        try:
            unary("Echo")(Request(payload=b"\x01" * (5 * 1024 * 1024)), timeout=30)
            result = {"code": "OK"}
        except grpc.RpcError as e:
            result = error(e)
    elif scenario == "metadata":
        response, call = unary("Echo").with_call(
            Request(message="m"), timeout=10,
            metadata=[("x-echo-text", "plain value"), ("x-echo-data-bin", b"\x00\x01\xfe\xff")])
        headers = {k: (v.hex() if isinstance(v, bytes) else v) for k, v in call.initial_metadata() if k.startswith("x-echo-")}
        trailers = {k: (v.hex() if isinstance(v, bytes) else v) for k, v in call.trailing_metadata() if k.startswith("x-echo-")}
        result = {"code": call.code().name, "headers": headers, "trailers": trailers}
    elif scenario == "statuses":
        statuses = []
        for code in range(1, 17):
            try:
                unary("Fail")(Request(status_code=code, status_message="failure %d: ñandú 100%%" % code), timeout=10)
                statuses.append({"code": "OK"})
            except grpc.RpcError as e:
                entry = error(e)
                entry["trailer"] = dict(e.trailing_metadata() or ()).get("x-failure")
                statuses.append(entry)
        result = {"statuses": statuses}
    elif scenario == "throw":
        try:
            unary("Throw")(Request(), timeout=10)
            result = {"code": "OK"}
        except grpc.RpcError as e:
            result = error(e)
    elif scenario == "unimplemented":
        calls = {}
        for path in (SERVICE + "NoSuchMethod", "/no.such.Service/Method"):
            try:
                channel.unary_unary(path, request_serializer=Request.SerializeToString,
                                    response_deserializer=Response.FromString)(Request(), timeout=10)
                calls[path] = {"code": "OK"}
            except grpc.RpcError as e:
                calls[path] = error(e)
        result = {"calls": calls}
    elif scenario == "health":
        HealthRequest = types("grpc.health.v1.HealthCheckRequest")
        HealthResponse = types("grpc.health.v1.HealthCheckResponse")
        check = channel.unary_unary("/grpc.health.v1.Health/Check", request_serializer=HealthRequest.SerializeToString,
                                    response_deserializer=HealthResponse.FromString)
        result = {}
        for name in ("", "customerview.grpctest.v1.TestService", "no.such.Service"):
            try:
                result[name or "<server>"] = {"code": "OK", "status": check(HealthRequest(service=name), timeout=10).status}
            except grpc.RpcError as e:
                result[name or "<server>"] = error(e)
    elif scenario in ("reflection_v1", "reflection_v1alpha"):
        version = scenario.split("_")[1]
        ReflRequest = types("grpc.reflection.%s.ServerReflectionRequest" % version)
        ReflResponse = types("grpc.reflection.%s.ServerReflectionResponse" % version)
        info = channel.stream_stream("/grpc.reflection.%s.ServerReflection/ServerReflectionInfo" % version,
                                     request_serializer=ReflRequest.SerializeToString,
                                     response_deserializer=ReflResponse.FromString)
        requests = [
            ReflRequest(list_services=""),
            ReflRequest(file_containing_symbol="customerview.grpctest.v1.TestService"),
            ReflRequest(file_containing_symbol="grpc.health.v1.HealthCheckResponse.ServingStatus"),
            ReflRequest(file_by_filename="grpc/health/v1/health.proto"),
            ReflRequest(file_containing_symbol="no.such.Symbol"),
        ]
        answers = []
        for response in info(iter(requests), timeout=10):
            kind = response.WhichOneof("message_response")
            if kind == "list_services_response":
                answers.append({"services": sorted(s.name for s in response.list_services_response.service)})
            elif kind == "file_descriptor_response":
                names = []
                for raw in response.file_descriptor_response.file_descriptor_proto:
                    names.append(descriptor_pb2.FileDescriptorProto.FromString(raw).name)
                answers.append({"files": names})
            else:
                answers.append({"error": response.error_response.error_code})
        result = {"answers": answers}
    else:
        print("unknown scenario " + scenario, file=sys.stderr)
        return 2

    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
