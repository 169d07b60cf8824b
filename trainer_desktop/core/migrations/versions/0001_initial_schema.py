"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('local_bundle_import',
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('source_device_id', sa.String(length=64), nullable=False),
    sa.Column('source_device_name', sa.String(length=200), nullable=False),
    sa.Column('created_hlc', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.Text(), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('bundle_id', name=op.f('pk_local_bundle_import'))
    )
    with op.batch_alter_table('local_bundle_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_local_bundle_import_file_sha256'), ['file_sha256'], unique=False)

    op.create_table('local_clock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('wall_ms', sa.Integer(), nullable=False),
    sa.Column('counter', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_local_clock'))
    )
    op.create_table('local_device',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_local_device'))
    )
    op.create_table('local_known_device',
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('public_key', sa.LargeBinary(), nullable=False),
    sa.Column('fingerprint', sa.String(length=100), nullable=False),
    sa.Column('first_seen', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('device_id', name=op.f('pk_local_known_device'))
    )
    op.create_table('local_merge_event',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('table_name', sa.String(length=100), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=100), nullable=True),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('stamp', sa.String(length=64), nullable=False),
    sa.Column('winning_stamp', sa.String(length=64), nullable=True),
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('resolved', sa.Boolean(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_local_merge_event'))
    )
    with op.batch_alter_table('local_merge_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_local_merge_event_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_local_merge_event_record_id'), ['record_id'], unique=False)

    op.create_table('local_setting',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('blob', sa.LargeBinary(), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_local_setting'))
    )
    op.create_table('local_watermark',
    sa.Column('recipient_key', sa.String(length=200), nullable=False),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('local_seq', sa.Integer(), nullable=False),
    sa.Column('exported_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('recipient_key', name=op.f('pk_local_watermark'))
    )
    op.create_table('participant',
    sa.Column('family_name', sa.String(length=300), nullable=False),
    sa.Column('given_names', sa.String(length=300), nullable=False),
    sa.Column('sex', sa.String(length=12), nullable=False),
    sa.Column('institution', sa.String(length=300), nullable=False),
    sa.Column('function', sa.String(length=300), nullable=False),
    sa.Column('unit', sa.String(length=300), nullable=False),
    sa.Column('region', sa.String(length=300), nullable=False),
    sa.Column('town', sa.String(length=300), nullable=False),
    sa.Column('phone', sa.String(length=50), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('id_number', sa.String(length=100), nullable=False),
    sa.Column('consent_data', sa.Boolean(), nullable=False),
    sa.Column('consent_photo', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('bases', sa.JSON(), nullable=False),
    sa.Column('local_seq', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant'))
    )
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_local_seq'), ['local_seq'], unique=False)

    op.create_table('training_session',
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('theme', sa.String(length=300), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('venue', sa.String(length=300), nullable=False),
    sa.Column('town', sa.String(length=300), nullable=False),
    sa.Column('region', sa.String(length=300), nullable=False),
    sa.Column('country', sa.String(length=300), nullable=False),
    sa.Column('organiser', sa.String(length=300), nullable=False),
    sa.Column('funders', sa.JSON(), nullable=False),
    sa.Column('facilitators', sa.JSON(), nullable=False),
    sa.Column('target_audience', sa.String(length=300), nullable=False),
    sa.Column('expected_participants', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('objectives', sa.Text(), nullable=False),
    sa.Column('attendance_threshold', sa.Integer(), server_default='80', nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('bases', sa.JSON(), nullable=False),
    sa.Column('local_seq', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_session'))
    )
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_session_local_seq'), ['local_seq'], unique=False)

    op.create_table('enrolment',
    sa.Column('session_id', sa.String(length=36), nullable=False),
    sa.Column('participant_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('bases', sa.JSON(), nullable=False),
    sa.Column('local_seq', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_enrolment_participant_id_participant')),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_enrolment_session_id_training_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrolment'))
    )
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrolment_local_seq'), ['local_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrolment_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrolment_session_id'), ['session_id'], unique=False)

    op.create_table('participant_match',
    sa.Column('first_id', sa.String(length=36), nullable=False),
    sa.Column('second_id', sa.String(length=36), nullable=False),
    sa.Column('decision', sa.String(length=12), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('bases', sa.JSON(), nullable=False),
    sa.Column('local_seq', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['first_id'], ['participant.id'], name=op.f('fk_participant_match_first_id_participant')),
    sa.ForeignKeyConstraint(['second_id'], ['participant.id'], name=op.f('fk_participant_match_second_id_participant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant_match'))
    )
    with op.batch_alter_table('participant_match', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_match_first_id'), ['first_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_match_local_seq'), ['local_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_match_second_id'), ['second_id'], unique=False)

    op.create_table('programme_item',
    sa.Column('session_id', sa.String(length=36), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('objective', sa.Text(), nullable=False),
    sa.Column('speaker', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('bases', sa.JSON(), nullable=False),
    sa.Column('local_seq', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_programme_item_session_id_training_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_item'))
    )
    with op.batch_alter_table('programme_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_item_local_seq'), ['local_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_item_session_id'), ['session_id'], unique=False)

    op.create_table('sign_in_period',
    sa.Column('session_id', sa.String(length=36), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('bases', sa.JSON(), nullable=False),
    sa.Column('local_seq', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_sign_in_period_session_id_training_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_period'))
    )
    with op.batch_alter_table('sign_in_period', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_period_local_seq'), ['local_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_period_session_id'), ['session_id'], unique=False)

    op.create_table('attendance_mark',
    sa.Column('enrolment_id', sa.String(length=36), nullable=False),
    sa.Column('period_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('arrived_at', sa.Time(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('bases', sa.JSON(), nullable=False),
    sa.Column('local_seq', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['enrolment_id'], ['enrolment.id'], name=op.f('fk_attendance_mark_enrolment_id_enrolment')),
    sa.ForeignKeyConstraint(['period_id'], ['sign_in_period.id'], name=op.f('fk_attendance_mark_period_id_sign_in_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance_mark'))
    )
    with op.batch_alter_table('attendance_mark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_mark_enrolment_id'), ['enrolment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_mark_local_seq'), ['local_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_mark_period_id'), ['period_id'], unique=False)

    op.create_table('signature',
    sa.Column('enrolment_id', sa.String(length=36), nullable=False),
    sa.Column('period_id', sa.String(length=36), nullable=False),
    sa.Column('strokes', sa.LargeBinary(), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.Column('bases', sa.JSON(), nullable=False),
    sa.Column('local_seq', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['enrolment_id'], ['enrolment.id'], name=op.f('fk_signature_enrolment_id_enrolment')),
    sa.ForeignKeyConstraint(['period_id'], ['sign_in_period.id'], name=op.f('fk_signature_period_id_sign_in_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signature'))
    )
    with op.batch_alter_table('signature', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signature_enrolment_id'), ['enrolment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_signature_local_seq'), ['local_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_signature_period_id'), ['period_id'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('signature', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signature_period_id'))
        batch_op.drop_index(batch_op.f('ix_signature_local_seq'))
        batch_op.drop_index(batch_op.f('ix_signature_enrolment_id'))

    op.drop_table('signature')
    with op.batch_alter_table('attendance_mark', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_mark_period_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_mark_local_seq'))
        batch_op.drop_index(batch_op.f('ix_attendance_mark_enrolment_id'))

    op.drop_table('attendance_mark')
    with op.batch_alter_table('sign_in_period', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_period_session_id'))
        batch_op.drop_index(batch_op.f('ix_sign_in_period_local_seq'))

    op.drop_table('sign_in_period')
    with op.batch_alter_table('programme_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_item_session_id'))
        batch_op.drop_index(batch_op.f('ix_programme_item_local_seq'))

    op.drop_table('programme_item')
    with op.batch_alter_table('participant_match', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_match_second_id'))
        batch_op.drop_index(batch_op.f('ix_participant_match_local_seq'))
        batch_op.drop_index(batch_op.f('ix_participant_match_first_id'))

    op.drop_table('participant_match')
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrolment_session_id'))
        batch_op.drop_index(batch_op.f('ix_enrolment_participant_id'))
        batch_op.drop_index(batch_op.f('ix_enrolment_local_seq'))

    op.drop_table('enrolment')
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_session_local_seq'))

    op.drop_table('training_session')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_local_seq'))

    op.drop_table('participant')
    op.drop_table('local_watermark')
    op.drop_table('local_setting')
    with op.batch_alter_table('local_merge_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_local_merge_event_record_id'))
        batch_op.drop_index(batch_op.f('ix_local_merge_event_kind'))

    op.drop_table('local_merge_event')
    op.drop_table('local_known_device')
    op.drop_table('local_device')
    op.drop_table('local_clock')
    with op.batch_alter_table('local_bundle_import', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_local_bundle_import_file_sha256'))

    op.drop_table('local_bundle_import')
