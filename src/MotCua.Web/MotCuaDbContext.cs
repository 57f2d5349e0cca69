using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using MotCua.Web.Audit;
using MotCua.Web.Calendar;
using MotCua.Web.Catalog;
using MotCua.Web.Identity;
using MotCua.Web.Units;

namespace MotCua.Web;

/// <summary>The one DbContext of MotCua. Each module contributes its entities through
/// <c>IEntityTypeConfiguration</c> classes in its own folder.</summary>
internal sealed class MotCuaDbContext(DbContextOptions<MotCuaDbContext> options)
    : IdentityUserContext<AppUser, Guid>(options)
{
    public DbSet<AdministrativeUnit> Units => Set<AdministrativeUnit>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditDigest> AuditDigests => Set<AuditDigest>();
    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();
    public DbSet<CalendarYearDay> CalendarDays => Set<CalendarYearDay>();
    public DbSet<UnitWorkingHours> UnitWorkingHours => Set<UnitWorkingHours>();
    public DbSet<CalendarRevision> CalendarRevisions => Set<CalendarRevision>();
    public DbSet<Integration.Outbox.OutboxMessage> OutboxMessages => Set<Integration.Outbox.OutboxMessage>();
    public DbSet<Dossiers.Dossier> Dossiers => Set<Dossiers.Dossier>();
    public DbSet<Dossiers.DossierCodeCounter> DossierCodeCounters => Set<Dossiers.DossierCodeCounter>();
    public DbSet<Dossiers.IdempotencyRecord> IdempotencyRecords => Set<Dossiers.IdempotencyRecord>();
    public DbSet<Domain> Domains => Set<Domain>();
    public DbSet<Procedure> Procedures => Set<Procedure>();
    public DbSet<ProcedureVersion> ProcedureVersions => Set<ProcedureVersion>();
    public DbSet<ProcedureComponent> ProcedureComponents => Set<ProcedureComponent>();
    public DbSet<FormTemplate> FormTemplates => Set<FormTemplate>();
    public DbSet<ProcessDefinition> ProcessDefinitions => Set<ProcessDefinition>();
    public DbSet<ProcedureProvider> ProcedureProviders => Set<ProcedureProvider>();
    public DbSet<SuccessionRule> SuccessionRules => Set<SuccessionRule>();
    public DbSet<Oversight.StaffEvaluation> StaffEvaluations => Set<Oversight.StaffEvaluation>();
    public DbSet<Oversight.ExcellentShareRule> ExcellentShareRules => Set<Oversight.ExcellentShareRule>();
    public DbSet<TotpUse> TotpUses => Set<TotpUse>();
    public DbSet<Ratings.Rating> Ratings => Set<Ratings.Rating>();
    public DbSet<Ratings.RatingDesk> RatingDesks => Set<Ratings.RatingDesk>();
    public DbSet<Feedback.Petition> Petitions => Set<Feedback.Petition>();
    public DbSet<Integration.Notices.NoticeChoice> NoticeChoices => Set<Integration.Notices.NoticeChoice>();
    public DbSet<Payments.DossierCharge> DossierCharges => Set<Payments.DossierCharge>();
    public DbSet<Payments.Payment> Payments => Set<Payments.Payment>();
    public DbSet<Payments.Refund> Refunds => Set<Payments.Refund>();
    public DbSet<Payments.EReceipt> EReceipts => Set<Payments.EReceipt>();
    public DbSet<Payments.GatewayOrder> GatewayOrders => Set<Payments.GatewayOrder>();
    public DbSet<Payments.ReconciliationRun> ReconciliationRuns => Set<Payments.ReconciliationRun>();
    public DbSet<Signatures.SignedDocument> SignedDocuments => Set<Signatures.SignedDocument>();
    public DbSet<Privacy.PersonalDataRead> PersonalDataReads => Set<Privacy.PersonalDataRead>();
    public DbSet<CitizenIdentity.NationalIdentityLink> NationalIdentityLinks => Set<CitizenIdentity.NationalIdentityLink>();
    public DbSet<CitizenIdentity.DossierOwnerVerification> DossierOwnerVerifications => Set<CitizenIdentity.DossierOwnerVerification>();
    public DbSet<CitizenIdentity.DossierReuse> DossierReuses => Set<CitizenIdentity.DossierReuse>();
    public DbSet<Integration.NationalPortal.PortalAcknowledgement> PortalAcknowledgements => Set<Integration.NationalPortal.PortalAcknowledgement>();
    public DbSet<Partners.PartnerClient> PartnerClients => Set<Partners.PartnerClient>();
    public DbSet<Partners.PartnerToken> PartnerTokens => Set<Partners.PartnerToken>();
    public DbSet<Partners.PartnerCall> PartnerCalls => Set<Partners.PartnerCall>();
    public DbSet<Oversight.ParIndex.ParIndexFramework> ParIndexFrameworks => Set<Oversight.ParIndex.ParIndexFramework>();
    public DbSet<Oversight.ParIndex.ParIndexCriterion> ParIndexCriteria => Set<Oversight.ParIndex.ParIndexCriterion>();
    public DbSet<Oversight.ParIndex.ParIndexScore> ParIndexScores => Set<Oversight.ParIndex.ParIndexScore>();
    public DbSet<Oversight.ParIndex.ParIndexEvidence> ParIndexEvidence => Set<Oversight.ParIndex.ParIndexEvidence>();
    public DbSet<Oversight.Inspections.InspectionPlan> InspectionPlans => Set<Oversight.Inspections.InspectionPlan>();
    public DbSet<Oversight.Inspections.InspectionPlanUnit> InspectionPlanUnits => Set<Oversight.Inspections.InspectionPlanUnit>();
    public DbSet<Oversight.Inspections.InspectionRound> InspectionRounds => Set<Oversight.Inspections.InspectionRound>();
    public DbSet<Oversight.Inspections.InspectionRoundUnit> InspectionRoundUnits => Set<Oversight.Inspections.InspectionRoundUnit>();
    public DbSet<Oversight.Inspections.InspectionFinding> InspectionFindings => Set<Oversight.Inspections.InspectionFinding>();
    public DbSet<Oversight.Inspections.InspectionCorrection> InspectionCorrections => Set<Oversight.Inspections.InspectionCorrection>();
    public DbSet<Oversight.Inspections.InspectionChecklistItem> InspectionChecklistItems => Set<Oversight.Inspections.InspectionChecklistItem>();
    public DbSet<Catalog.PublicationDecisions.PublicationDecision> PublicationDecisions => Set<Catalog.PublicationDecisions.PublicationDecision>();
    public DbSet<Catalog.PublicationDecisions.PublicationDecisionProcedure> PublicationDecisionProcedures => Set<Catalog.PublicationDecisions.PublicationDecisionProcedure>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MotCuaDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Bounded strings everywhere unless a configuration says otherwise: no accidental TEXT blobs.
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }
}
