using System.Net;
using System.Text;
using MotCua.Tests.Infrastructure;
using Shouldly;

namespace MotCua.Tests.Foundation;

[Collection(AppCollection.Name)]
public sealed class BadInputTests(MotCuaFactory app)
{
    public static TheoryData<string, string, string> Bodies => new()
    {
        { "POST", "/api/v1/units", "{\"code\": \"000.00.01.T01\", \"name\": " },
        { "POST", "/api/v1/units", "{\"code\": 5, \"name\": [1,2], \"kind\": \"Commune\"}" },
        { "POST", "/api/v1/units", "{\"code\": \"000.00.01.T02\", \"name\": \"x\", \"kind\": \"Village\", \"validFrom\": \"2020-01-01\"}" },
        { "POST", "/api/v1/units", "{\"code\": \"000.00.01.T03\", \"name\": \"x\", \"kind\": \"Commune\", \"validFrom\": \"2020-02-30\"}" },
        { "POST", "/api/v1/units", "{\"code\": \"000.00.01.T04\", \"name\": \"" + new string('x', 5000) + "\", \"kind\": \"Commune\", \"validFrom\": \"2020-01-01\"}" },
        { "POST", "/api/v1/units", "[]" },
        { "PUT", "/api/v1/units/000.00.00.H50", "{\"version\": \"abc\"}" },
        { "POST", "/api/v1/units/000.00.12.H50/merge", "{\"successorCode\": null, \"effectiveDate\": \"hôm qua\"}" },
        { "POST", "/api/v1/users", "{\"userName\": \"a\", \"roles\": [{\"role\": \"King\"}]}" },
        { "POST", "/api/v1/users", "not json at all" },
        { "POST", "/api/v1/auth/login", "{\"userName\": {\"$ne\": null}}" },
        { "POST", "/api/v1/auth/register", "{\"phoneOrEmail\": \"" + new string('9', 300) + "\"}" },
        { "POST", "/api/v1/units/import", "[{\"code\": 12}]" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Bad_bodies_get_a_400_problem_never_a_500(string method, string path, string body)
    {
        var admin = await app.SignInAsync("sysadmin");
        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("title").GetString()!.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task An_unknown_route_and_a_wrong_method_get_problems_too()
    {
        var admin = await app.SignInAsync("sysadmin");
        await (await admin.GetAsync("/api/v1/units/999.99.99.T99")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync("/api/v1/units")).ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415()
    {
        var admin = await app.SignInAsync("sysadmin");
        var response = await admin.PostAsync("/api/v1/units", new StringContent("code=1", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    public static TheoryData<string, int> Imports => new()
    {
        { "/api/v1/units/import", 5 * 1024 * 1024 },
        { "/api/v1/calendar/import", 1024 * 1024 },
    };

    [Theory]
    [MemberData(nameof(Imports))]
    public async Task An_import_streamed_without_a_declared_length_is_refused_at_its_size_limit(string path, int limit)
    {
        var admin = await app.SignInAsync("sysadmin");
        var content = new StreamContent(new UnsizedJson(limit + 1));
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentLength.ShouldBeNull();
        var problem = await (await admin.PostAsync(path, content)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("title").GetString().ShouldBe("Dữ liệu gửi lên quá lớn.");
    }

    /// <summary>A JSON array of the given size that cannot tell its length, so the client streams it in chunks.</summary>
    private sealed class UnsizedJson(int size) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, size - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = (_position + i) switch { 0 => (byte)'[', var at when at == size - 1 => (byte)']', _ => (byte)' ' };
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
