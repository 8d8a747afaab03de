using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CipnCare.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ChangeTimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "ResponseScores",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "Interventions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "InstrumentResponses",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // What was stored before has no recorded change time: its authored time (responses never change) and the
            // time an intervention was recorded are the best there is.
            migrationBuilder.Sql("UPDATE \"InstrumentResponses\" SET \"RecordedAt\" = \"AuthoredAt\";");
            migrationBuilder.Sql("UPDATE \"ResponseScores\" SET \"RecordedAt\" = \"EffectiveAt\";");
            migrationBuilder.Sql("UPDATE \"Interventions\" SET \"UpdatedAt\" = \"RecordedAt\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "ResponseScores");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Interventions");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "InstrumentResponses");
        }
    }
}
