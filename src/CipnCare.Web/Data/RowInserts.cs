using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CipnCare.Web.Data;

/// <summary>
/// Inserts new rows of one entity type on SQLite without EF's save pipeline, inside the caller's transaction. SQLite has
/// one write lock, held from a transaction's BEGIN to its commit (<see cref="SqliteWriteGate"/>), and for a check-in EF's
/// pipeline (tracking, command batches, the SQL made again for each row, one statement compiled per row) was most of what
/// ran inside it (issue #17). Here the INSERT is made once per entity type from the model — its table and every column —
/// one command is compiled once for all the rows, and each value is bound by its column's own type mapping (converter and
/// database type) exactly as EF's INSERT binds it, so the row is stored as EF would store it
/// (<c>RowInsertsTests</c> compares them column by column). The rows are not tracked.
/// </summary>
/// <remarks>
/// For plain entity types with a table of their own only: no shadow, computed or concurrency columns, no inheritance,
/// no owned or complex types, no split or shared table. A column the database would fill (a key or a default the model
/// marks as generated) must be set: a row with such a value left unset (EF's sentinel, the type's default) is refused,
/// not stored with it. On PostgreSQL a save writes its rows before it takes the audit chain's lock, so EF's pipeline
/// serialises nothing there and the app saves through EF.
/// </remarks>
public static class RowInserts
{
    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping, object? Unset);

    private sealed record Insert(string Sql, IReadOnlyList<Column> Columns);

    private static readonly ConditionalWeakTable<IEntityType, Insert> Inserts = [];

    /// <summary>Inserts <paramref name="rows"/> in the context's current transaction, in order.</summary>
    public static async Task InsertAsync<T>(DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (db.Database.GetDbConnection() is not SqliteConnection connection)
        {
            throw new NotSupportedException("RowInserts writes to SQLite only; save through EF on other databases.");
        }

        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Rows are inserted inside a transaction: begin one first.");
        if (rows.Count == 0)
        {
            return;
        }

        var insert = Inserts.GetValue(db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model."), InsertOf);
        await using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
        command.CommandTimeout = db.Database.GetCommandTimeout() ?? command.CommandTimeout;
        command.CommandText = insert.Sql; // compiled at the first row, kept for the others (the same text)
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            for (var i = 0; i < insert.Columns.Count; i++)
            {
                var column = insert.Columns[i];
                var value = column.Property.PropertyInfo!.GetValue(row);
                if (column.Property.ValueGenerated != ValueGenerated.Never && Equals(value, column.Unset))
                {
                    throw new InvalidOperationException($"{typeof(T).Name}.{column.Property.Name} is not set: the database would fill it, so set it before inserting.");
                }

                command.Parameters.Add(column.Mapping.CreateParameter(command, $"@p{i}", value, column.Property.IsNullable));
            }

            if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new InvalidOperationException($"A {typeof(T).Name} row was not inserted.");
            }
        }
    }

    private static Insert InsertOf(IEntityType entity)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var shared = entity.Model.GetEntityTypes().Any(other => other != entity && other.GetTableName() == table.Name && other.GetSchema() == table.Schema);
        if (entity.BaseType is not null || entity.GetDirectlyDerivedTypes().Any() || entity.IsOwned() || entity.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
            || entity.GetComplexProperties().Any() || entity.GetMappingFragments().Any() || shared)
        {
            throw new NotSupportedException($"{entity.DisplayName()} is not a plain entity type of a table of its own (inheritance, owned or complex types, a split or shared table): save it through EF.");
        }

        var columns = entity.GetProperties().Select(p => p.PropertyInfo is null || p.GetComputedColumnSql(table) is not null || p.ValueGenerated.HasFlag(ValueGenerated.OnUpdate) || p.IsConcurrencyToken
            ? throw new NotSupportedException($"{entity.DisplayName()}.{p.Name} is a shadow, computed, updated or concurrency column: save {entity.DisplayName()} through EF.")
            : new Column(p, (RelationalTypeMapping)p.GetTypeMapping(), p.Sentinel)).ToList();
        var names = string.Join(", ", columns.Select(c => $"\"{c.Property.GetColumnName(table)}\""));
        var values = string.Join(", ", columns.Select((_, i) => $"@p{i}"));
        return new($"INSERT INTO \"{table.Name}\" ({names}) VALUES ({values})", columns);
    }
}
