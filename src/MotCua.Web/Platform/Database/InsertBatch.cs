using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using MotCua.Web.Platform.Observability;
using Npgsql;

namespace MotCua.Web.Platform.Database;

/// <summary>
/// Saves a unit of work made only of new rows (an intake writes a dossier, its components, a history entry, the notices and
/// the reporting rows) as one command of INSERT statements. The command is built from the EF model once per shape (the
/// tables and columns of its rows) and reused, with the model's own type mappings and converters. EF's update pipeline
/// builds the SQL, an object per column and a parameter per value again on every save, and reads back every generated key:
/// on the busiest write path that was half of the memory an intake allocated.
/// Same rows, same transaction; store-generated keys are not read back, and the written entities are detached afterwards.
/// Rows can also be given untracked (a new aggregate, the appended history, notices and timeline rows): they are read from
/// the objects, and owned parts through the model, which spares the change tracker's attach, snapshots and scans.
/// On PostgreSQL the statements go as an <see cref="NpgsqlBatch"/> with positional parameters, which Npgsql sends as they
/// are; one command of named parameters would be split and rewritten by its SQL parser on every save.
/// </summary>
internal static class InsertBatch
{
    // Shapes repeat (an intake with one component and one notice is one shape); the bound only guards against a caller
    // that would make every save a new shape.
    private const int MaxShapes = 256;
    private static readonly ConcurrentDictionary<(IModel Model, string Key), Shape> Shapes = new();
    private static readonly ConcurrentDictionary<IModel, Dictionary<ITable, Table>> Tables = new();
    private static readonly ConcurrentDictionary<IEntityType, Layout> Layouts = new();

    public static async Task SaveAsync(DbContext db, IReadOnlyList<object> aggregates, CancellationToken cancellationToken)
    {
        var rows = Rows(db, aggregates);
        if (rows.Count == 0)
        {
            return;
        }

        var key = new StringBuilder();
        var parameterCount = 0;
        foreach (var row in rows)
        {
            key.Append(row.Table.Mapped.Name);
            for (var i = 0; i < row.Values.Length; i++)
            {
                if (row.Values[i] == Omitted)
                {
                    key.Append('-').Append(i);
                }
                else
                {
                    parameterCount++;
                }
            }

            key.Append(';');
        }

        var shape = Shapes.TryGetValue((db.Model, key.ToString()), out var cached) ? cached : Build(db, rows, key.ToString());
        var values = new List<object?>(parameterCount);
        foreach (var row in rows)
        {
            values.AddRange(row.Values.Where(value => value != Omitted));
        }

        // SQLite runs the statements of one command one by one: without the caller's transaction, take one so that all or none are written.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            if (db.Database.GetDbConnection() is NpgsqlConnection connection)
            {
                await ExecuteAsync(connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction(), shape.Statements, values, cancellationToken);
            }
            else
            {
                var named = new Dictionary<string, object?>(values.Count);
                foreach (var value in values)
                {
                    named.Add(Name(named.Count), value);
                }

                await shape.Command.ExecuteNonQueryAsync(new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), named, null, db,
                    db.GetService<IRelationalCommandDiagnosticsLogger>()), cancellationToken);
            }

            if (own is not null)
            {
                // Not cancelled once sent, as in DossierCodes.CommitAsync: its outcome would be unknown.
                await own.CommitAsync(CancellationToken.None);
            }
        }
        catch (DbException exception)
        {
            // The same exception SaveChanges throws, so a unique violation still reads as a conflict wherever it is caught.
            throw new DbUpdateException(exception.Message, exception);
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }

        db.ChangeTracker.Clear();
    }

    /// <summary>A shape's statements: as one EF command with named parameters, and one by one with positional parameters for an <see cref="NpgsqlBatch"/>.</summary>
    private sealed record Shape(IRelationalCommand Command, (string Sql, RelationalTypeMapping[] Parameters)[] Statements);

    // Type mappings make their parameters through a command; Npgsql's makes a bare parameter, so one serves every batch.
    private static readonly NpgsqlCommand ParameterMaker = new();

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, (string Sql, RelationalTypeMapping[] Parameters)[] statements,
        List<object?> values, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var next = 0;
        foreach (var (sql, parameters) in statements)
        {
            var statement = new NpgsqlBatchCommand(sql);
            foreach (var mapping in parameters)
            {
                // The mapping converts the value (enums are stored as text) and sets the database type, as in EF's own commands.
                statement.Parameters.Add(mapping.CreateParameter(ParameterMaker, "", values[next++]));
            }

            batch.BatchCommands.Add(statement);
        }

        // EF's command interceptors do not see a batch made here: the database metrics are recorded as they would be.
        var started = Stopwatch.GetTimestamp();
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            DbCallMetrics.Executed(Stopwatch.GetElapsedTime(started));
        }
        catch (DbException)
        {
            DbCallMetrics.Failed();
            throw;
        }
    }

    /// <summary>A row of a table, its values by column position; <see cref="Omitted"/> marks a column the database fills.</summary>
    private sealed record Row(Table Table, object?[] Values);

    /// <summary>A table's columns in a fixed order, and its place after the tables its foreign keys point to.</summary>
    private sealed class Table(ITable mapped, IColumn[] columns, int order)
    {
        public ITable Mapped { get; } = mapped;
        public IColumn[] Columns { get; } = columns;
        public int Order { get; } = order;
    }

    /// <summary>Where an entity type's values go: the position of each mapped property's column, the key that finds its row, and what the database may generate.</summary>
    private sealed record Layout(Table Table, (IProperty Property, int Column)[] Columns, IProperty[] Key, IProperty[] Generated)
    {
        public static Layout Of(IEntityType type, Dictionary<ITable, Table> tables)
        {
            var mapping = type.GetTableMappings().Single();
            var table = tables[mapping.Table];
            var columns = mapping.ColumnMappings.Select(m => (m.Property, Array.IndexOf(table.Columns, m.Column))).ToArray();
            var key = table.Mapped.PrimaryKey!.Columns.Select(c => mapping.ColumnMappings.First(m => m.Column == c).Property).ToArray();
            return new Layout(table, columns, key, [.. type.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.Never)]);
        }
    }

    private static readonly object Omitted = new();

    private static List<Row> Rows(DbContext db, IReadOnlyList<object> aggregates)
    {
        var rows = new List<Row>();
        // Owned types split into their owner's table (a dossier's owner and submitter) fill the same row: it is found by key.
        var byKey = new Dictionary<(Table, object), Row>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.State != EntityState.Added)
            {
                throw new InvalidOperationException($"Only new rows can be saved in one insert batch; {entry.Metadata.DisplayName()} is {entry.State}.");
            }

            var layout = LayoutOf(db, entry.Metadata);
            var current = entry.CurrentValues;
            var temporary = layout.Generated.Where(p => entry.Property(p).IsTemporary).ToList();
            Place(rows, byKey, layout, property => temporary.Contains(property) ? Omitted : current[property]);
        }

        foreach (var aggregate in aggregates)
        {
            var type = db.Model.FindEntityType(aggregate.GetType())
                ?? throw new InvalidOperationException($"{aggregate.GetType().Name} is not an entity of the model.");
            PlaceAggregate(db, rows, byKey, type, aggregate, owner: null);
        }

        // Principal tables first: SQLite checks foreign keys statement by statement.
        return [.. rows.OrderBy(r => r.Table.Order)];
    }

    private static Layout LayoutOf(DbContext db, IEntityType type) =>
        Layouts.GetOrAdd(type, static (type, model) => Layout.Of(type, Tables.GetOrAdd(model, Describe)), db.Model);

    /// <summary>
    /// An untracked entity and, through its ownership navigations, its owned parts. An owned part's key and foreign key come
    /// from its owner, as EF's fix-up would set them; a key the database generates is left to it when it holds its default.
    /// </summary>
    private static void PlaceAggregate(DbContext db, List<Row> rows, Dictionary<(Table, object), Row> byKey, IEntityType type, object entity,
        (IForeignKey Ownership, Func<IProperty, object?> Value)? owner)
    {
        var values = new Dictionary<IProperty, object?>();
        object? Value(IProperty property)
        {
            if (values.TryGetValue(property, out var known))
            {
                return known;
            }

            object? value;
            if (owner is { } o && IndexOf(o.Ownership.Properties, property) is var index and >= 0)
            {
                value = o.Value(o.Ownership.PrincipalKey.Properties[index]);
            }
            else if (property.IsShadowProperty())
            {
                throw new InvalidOperationException($"{type.DisplayName()}.{property.Name} has no value outside the change tracker.");
            }
            else
            {
                var getter = property.GetGetter();
                value = property.ValueGenerated != ValueGenerated.Never && getter.HasSentinelValue(entity) ? Omitted : getter.GetClrValue(entity);
            }

            values[property] = value;
            return value;
        }

        Place(rows, byKey, LayoutOf(db, type), Value);
        foreach (var navigation in type.GetNavigations().Where(n => n.ForeignKey.IsOwnership && !n.IsOnDependent))
        {
            var target = navigation.GetGetter().GetClrValue(entity);
            var parts = target is null ? [] : navigation.IsCollection ? ((System.Collections.IEnumerable)target).Cast<object>() : [target];
            foreach (var part in parts)
            {
                PlaceAggregate(db, rows, byKey, navigation.TargetEntityType, part, (navigation.ForeignKey, Value));
            }
        }
    }

    private static int IndexOf(IReadOnlyList<IProperty> properties, IProperty property)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i] == property)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Writes an entity's values into its row: a new one, or the row of its key that another entity type of the same table started.</summary>
    private static void Place(List<Row> rows, Dictionary<(Table, object), Row> byKey, Layout layout, Func<IProperty, object?> value)
    {
        object? rowKey = null;
        if (layout.Key.All(p => value(p) != Omitted))
        {
            rowKey = layout.Key.Length == 1 ? value(layout.Key[0])
                : string.Join('\u001f', layout.Key.Select(p => Convert.ToString(value(p), System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (rowKey is null || !byKey.TryGetValue((layout.Table, rowKey), out var row))
        {
            row = new Row(layout.Table, new object?[layout.Table.Columns.Length]);
            rows.Add(row);
            if (rowKey is not null)
            {
                byKey.Add((layout.Table, rowKey), row);
            }
        }

        foreach (var (property, column) in layout.Columns)
        {
            row.Values[column] = value(property);
        }
    }

    private static Shape Build(DbContext db, List<Row> rows, string key)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create();
        var statements = new List<(string, RelationalTypeMapping[])>();
        var positional = new StringBuilder();
        var mappings = new List<RelationalTypeMapping>();
        var count = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var columns = row.Table.Columns.Where((_, i) => row.Values[i] != Omitted).ToList();
            // Rows of one table with the same columns share one statement: one more VALUES list, not one more INSERT to plan and run.
            if (r > 0 && SameColumns(rows[r - 1], row))
            {
                builder.Append(", (");
                positional.Append(", (");
            }
            else
            {
                if (r > 0)
                {
                    builder.Append(sql.StatementTerminator).AppendLine();
                    statements.Add((positional.ToString(), [.. mappings]));
                    positional.Clear();
                    mappings.Clear();
                }

                var insert = "INSERT INTO " + sql.DelimitIdentifier(row.Table.Mapped.Name, row.Table.Mapped.Schema)
                    + " (" + string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name))) + ") VALUES (";
                builder.Append(insert);
                positional.Append(insert);
            }

            for (var i = 0; i < columns.Count; i++)
            {
                var name = Name(count++);
                // The property's mapping, not the column's store type alone: it carries the converter (enums are stored as text).
                var mapping = columns[i].PropertyMappings.First().TypeMapping;
                builder.AddParameter(name, sql.GenerateParameterName(name), mapping, columns[i].IsNullable);
                builder.Append(i == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                mappings.Add(mapping);
                positional.Append(i == 0 ? "$" : ", $").Append(mappings.Count);
            }

            builder.Append(")");
            positional.Append(")");
        }

        builder.Append(sql.StatementTerminator).AppendLine();
        statements.Add((positional.ToString(), [.. mappings]));
        var shape = new Shape(builder.Build(), [.. statements]);
        if (Shapes.Count < MaxShapes)
        {
            Shapes.TryAdd((db.Model, key), shape);
        }

        return shape;
    }

    private static bool SameColumns(Row a, Row b) =>
        a.Table == b.Table && a.Values.Select(v => v == Omitted).SequenceEqual(b.Values.Select(v => v == Omitted));

    private static readonly string[] Names = [.. Enumerable.Range(0, 512).Select(i => "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static string Name(int index) => index < Names.Length ? Names[index] : "p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every table of the model, numbered so that each comes after the tables its foreign keys point to.</summary>
    private static Dictionary<ITable, Table> Describe(IModel model)
    {
        var tables = new Dictionary<ITable, Table>();
        void Visit(ITable table, HashSet<ITable> path)
        {
            if (tables.ContainsKey(table) || !path.Add(table))
            {
                return;
            }

            foreach (var foreignKey in table.ForeignKeyConstraints.Where(f => f.PrincipalTable != table))
            {
                Visit(foreignKey.PrincipalTable, path);
            }

            tables[table] = new Table(table, [.. table.Columns], tables.Count);
        }

        foreach (var table in model.GetRelationalModel().Tables)
        {
            Visit(table, []);
        }

        return tables;
    }
}
