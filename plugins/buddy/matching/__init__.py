"""Platform-free matching for the buddy plugin: random-coffee rounds and newcomer buddies."""
from .buddies import rank_buddies
from .model import BuddyCandidate, Group, MatchingConfig, Participant, RoundResult, Volunteer, WakingHours
from .rounds import pair_round

__all__ = [
    "BuddyCandidate", "Group", "MatchingConfig", "Participant", "RoundResult", "Volunteer",
    "WakingHours", "pair_round", "rank_buddies",
]
