using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CipnCare.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ResponsesByTimeAndId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InstrumentResponses_PatientId_AuthoredAt",
                table: "InstrumentResponses");

            migrationBuilder.CreateIndex(
                name: "IX_InstrumentResponses_PatientId_AuthoredAt_Id",
                table: "InstrumentResponses",
                columns: new[] { "PatientId", "AuthoredAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InstrumentResponses_PatientId_AuthoredAt_Id",
                table: "InstrumentResponses");

            migrationBuilder.CreateIndex(
                name: "IX_InstrumentResponses_PatientId_AuthoredAt",
                table: "InstrumentResponses",
                columns: new[] { "PatientId", "AuthoredAt" });
        }
    }
}
