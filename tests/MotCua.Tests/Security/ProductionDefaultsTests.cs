using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MotCua.Tests.Infrastructure;
using MotCua.Web.Reporting;
using Shouldly;

namespace MotCua.Tests.Security;

/// <summary>The operator findings of issue 17 about defaults: demo data, metrics and error logs.</summary>
public sealed class ProductionDefaultsTests
{
    [Theory]
    [InlineData("Staging", false)]
    // `dotnet run` uses Development (launchSettings.json), so the README's command still shows the demo.
    [InlineData("Development", true)]
    public async Task Demo_seeding_is_on_by_default_no_more(string environment, bool seeded)
    {
        await using var app = new HostIn(environment, seedDemoData: null);
        await app.InitializeAsync();
        app.WithDb(db => db.Users.Any(u => u.UserName == "sysadmin")).ShouldBe(seeded);
    }

    [Fact]
    public async Task Production_refuses_to_start_with_demo_data()
    {
        await using var app = new HostIn("Production", seedDemoData: "true");
        var refused = await Should.ThrowAsync<Exception>(app.InitializeAsync);
        refused.ToString().ShouldContain("SeedDemoData");
    }

    [Fact]
    public async Task Unhandled_errors_are_logged_without_their_route_no_more()
    {
        await using var app = new FailingReports();
        await app.InitializeAsync();
        // Broken once started: the demo seed reads the reports to publish its past reform index year.
        app.Services.GetRequiredService<ReportStoreSwitch>().Broken = true;
        var supervisor = await app.SignInAsync("sysadmin");

        var response = await supervisor.GetAsync("/api/v1/reports/decision766?unitCode=000.00.00.H50&from=2026-01-01&to=2026-06-30");
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        var correlationId = problem.GetProperty("traceId").GetString();
        correlationId.ShouldNotBeNullOrWhiteSpace();

        var line = app.Logs.Lines.Single(l => l.Contains("Unhandled error", StringComparison.Ordinal));
        line.ShouldContain("GET /api/v1/reports/decision766");
        line.ShouldContain(correlationId);
        line.ShouldContain("The report store broke");
    }

    [Fact]
    public async Task Every_problem_carries_a_correlation_id()
    {
        await using var app = new HostIn("Staging", seedDemoData: null);
        await app.InitializeAsync();
        var problem = await (await app.Anonymous().GetAsync("/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    /// <summary>A host in an environment; with <paramref name="seedDemoData"/> null, the app's appsettings decide.</summary>
    private sealed class HostIn(string environment, string? seedDemoData) : MotCuaFactory
    {
        protected override bool SeedsDemoData => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            if (seedDemoData is not null)
            {
                builder.UseSetting("MotCua:Database:SeedDemoData", seedDemoData);
            }
        }
    }

    private sealed class FailingReports : MotCuaFactory
    {
        /// <summary>Its 500 is made on purpose, by a broken service that no real host has.</summary>
        protected override bool ChecksContract => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<IPeriodReports>();
                services.AddSingleton<ReportStoreSwitch>();
                services.AddScoped<PeriodReports>();
                services.AddScoped<IPeriodReports, BrokenReports>();
            });
        }
    }

    private sealed class ReportStoreSwitch
    {
        public bool Broken { get; set; }
    }

    /// <summary>The real report store until the switch is thrown.</summary>
    private sealed class BrokenReports(ReportStoreSwitch store, PeriodReports real) : IPeriodReports
    {
        public Task AuthorizeAsync(MotCua.Web.Identity.CurrentActor actor, ReportQuery query, CancellationToken cancellationToken) =>
            store.Broken ? throw new InvalidOperationException("The report store broke") : real.AuthorizeAsync(actor, query, cancellationToken);

        public Task<PeriodReport> RunAsync(ReportQuery query, ReportRows rowsBy, CancellationToken cancellationToken) =>
            store.Broken ? throw new InvalidOperationException("The report store broke") : real.RunAsync(query, rowsBy, cancellationToken);

        public Task<IReadOnlyList<ReportDossier>> DrillDownAsync(ReportQuery query, ReportFigure figure, ReportRows rowsBy, string? rowKey,
            CancellationToken cancellationToken) =>
            store.Broken ? throw new InvalidOperationException("The report store broke") : real.DrillDownAsync(query, figure, rowsBy, rowKey, cancellationToken);
    }
}
