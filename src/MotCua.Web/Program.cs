using MotCua.Web;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Demo;
using MotCua.Web.Dossiers;
using MotCua.Web.Feedback;
using MotCua.Web.Forms;
using MotCua.Web.Identity;
using MotCua.Web.Integration;
using MotCua.Web.Oversight;
using MotCua.Web.Platform;
using MotCua.Web.Platform.Database;
using MotCua.Web.Ratings;
using MotCua.Web.Reporting;
using MotCua.Web.Reporting.Outputs;
using MotCua.Web.Units;
using MotCua.Web.Workflow;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();
builder.AddDatabase<MotCuaDbContext>();
builder.AddIdentityModule();
builder.AddAudit();
builder.AddUnits();
builder.AddCalendar();
builder.AddForms();
builder.AddIntegration();
builder.AddCatalog();
builder.AddDossiers();
builder.AddWorkflow();
builder.AddReporting();
builder.AddReportingOutputs();
builder.AddRatings();
builder.AddFeedback();
builder.AddDemo();

var app = builder.Build();
app.UsePlatform();
app.UseRecentAuthentication();
app.MapPlatform(operationsPolicy: Policies.Operations);
app.MapIdentity();
app.MapAudit();
app.MapUnits();
app.MapCalendar();
app.MapCatalog();
app.MapDossiers();
app.MapWorkflow();
app.MapReporting();
app.MapReportingOutputs();
app.MapOversight();
app.MapRatings();
app.MapFeedback();

await app.PrepareDatabaseAsync();
await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
