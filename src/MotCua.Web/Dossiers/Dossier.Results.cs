using MotCua.Web.Platform.Http;

namespace MotCua.Web.Dossiers;

/// <summary>The electronic results (giấy tờ kết quả) attached to a dossier during processing.</summary>
internal sealed partial class Dossier
{
    public bool HasResult => Files.Any(f => f.Kind == DossierFileKind.Result);

    /// <summary>Adds result files while the dossier is processed or just decided; a returned dossier is closed.</summary>
    public void AttachResults(IEnumerable<DossierFile> files)
    {
        Require(DossierState.Processing, DossierState.Processed);
        Files.AddRange(files.Select(f => f.Kind == DossierFileKind.Result ? f : throw new ArgumentException("Only result files.", nameof(files))));
        Version++;
    }

    /// <summary>A result decided without any electronic result would be returned empty-handed (the share of results in the system, DESIGN.md §4.8).</summary>
    private void RequireResultFile()
    {
        if (!HasResult)
        {
            throw ProblemException.Conflict("result-missing", "Workflow.ResultMissing");
        }
    }
}
