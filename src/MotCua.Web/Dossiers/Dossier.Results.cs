namespace MotCua.Web.Dossiers;

/// <summary>The electronic results (giấy tờ kết quả) attached to a dossier during processing.</summary>
internal sealed partial class Dossier
{
    public bool HasResult => Files.Any(f => f.Kind == DossierFileKind.Result);

    /// <summary>The leader's approval signed the results: they can no longer be changed, added to or removed.</summary>
    public bool ResultsSigned => Files.Any(f => f.Kind == DossierFileKind.Result && f.SignedAt is not null);

    /// <summary>Adds result files while the dossier is processed or just decided; a returned dossier is closed.</summary>
    public RuleBroken? AttachResults(IEnumerable<DossierFile> files)
    {
        if (Require(DossierState.Processing, DossierState.Processed) is { } broken)
        {
            return broken;
        }

        // The signed results are the decision as issued; another result after them would be an unsigned addition to it.
        if (ResultsSigned)
        {
            return new RuleBroken("result-signed", "Signatures.ResultSigned");
        }

        Files.AddRange(files.Select(f => f.Kind == DossierFileKind.Result ? f : throw new ArgumentException("Only result files.", nameof(files))));
        Version++;
        return null;
    }

    /// <summary>A result decided without any electronic result would be returned empty-handed (the share of results in the system, DESIGN.md §4.8).</summary>
    private RuleBroken? RequireResultFile() => HasResult ? null : new RuleBroken("result-missing", "Workflow.ResultMissing");
}
